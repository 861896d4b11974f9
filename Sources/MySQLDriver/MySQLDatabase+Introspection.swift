import DatabaseCore

extension MySQLDatabase {
    public func introspect() throws -> Schema {
        throw DatabaseError(kind: .statementFailed, code: "0", message: "introspection is not yet supported on MySQL")
    }
}
