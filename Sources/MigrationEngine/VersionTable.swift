import DatabaseCore

/// The `alembic_version` table exactly as Alembic lays it out: one row per current head.
public struct VersionTable: Sendable {
    public let name = "alembic_version"

    public init() {}

    public func createStatement(_ dialect: Dialect) -> String {
        "CREATE TABLE \(renderer(for: dialect).identifier(name)) (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)"
    }

    /// The rows, in table order; empty when the table does not exist. Never writes.
    public func rows(in database: any Database) throws -> [String] {
        guard try database.tableExists(name) else { return [] }
        let order = database.dialect.insertionOrderClause
        return try database.query("SELECT version_num FROM \(database.dialect.quote(name))\(order)").map {
            $0["version_num"].stringValue ?? ""
        }
    }

    /// The statement and parameters for one head change.
    public func statement(for change: HeadChange, _ dialect: Dialect) -> (sql: String, parameters: [SQLValue]) {
        let table = dialect.quote(name)
        switch change {
        case .insert(let id): return ("INSERT INTO \(table) (version_num) VALUES (?)", [.text(id)])
        case .delete(let id): return ("DELETE FROM \(table) WHERE version_num = ?", [.text(id)])
        case .update(let from, let to): return ("UPDATE \(table) SET version_num = ? WHERE version_num = ?", [.text(to), .text(from)])
        }
    }

    /// The same statement with literals inlined, for offline SQL output.
    public func literalStatement(for change: HeadChange, _ dialect: Dialect) -> String {
        let (sql, parameters) = statement(for: change, dialect)
        var result = ""
        var remaining = parameters[...]
        for ch in sql {
            if ch == "?", let value = remaining.popFirst() { result += dialect.literal(value.stringValue ?? "") } else { result.append(ch) }
        }
        return result
    }

    /// Applies changes, checking that every one touched exactly one row (as Alembic's HeadMaintainer does).
    public func apply(_ changes: [HeadChange], in database: any Database) throws {
        for change in changes {
            let (sql, parameters) = statement(for: change, database.dialect)
            let affected = try database.execute(sql, parameters)
            guard affected == 1 else { throw MigrationError.versionRowMismatch(change: change.description, affected: affected) }
        }
    }
}
