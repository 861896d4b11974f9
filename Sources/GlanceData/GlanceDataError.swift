import DatabaseCore

/// Failures of the metadef and purge routines that are not Glance's own purge messages (`PurgeError`).
/// Each `description` is the one line an operator reads.
public enum GlanceDataError: Error, CustomStringConvertible, Sendable {
    /// The schema lacks tables the routine needs (an empty database, or one never synced).
    case missingTables(kind: String, tables: [String])
    /// A metadef row holds text that is not JSON, so it cannot be exported.
    case invalidStoredJSON(table: String, namespace: String, name: String, error: JSONParseError)
    /// An export file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingTables(let kind, _):
            return "ERROR: the database has no \(kind) tables; run glance-manage db sync first"
        case .invalidStoredJSON(let table, let namespace, let name, let error):
            return "ERROR: \(table) row \(name) of namespace \(namespace) holds invalid JSON: \(error)"
        case .cannotWrite(let path, let reason):
            return "ERROR: cannot write \(path): \(reason)"
        }
    }

    /// Checks that every table exists.
    /// - Throws: `missingTables` naming the missing ones.
    static func requireTables(_ tables: [String], kind: String, in database: any Database) throws {
        let missing = try tables.filter { try !database.tableExists($0) }
        if !missing.isEmpty { throw GlanceDataError.missingTables(kind: kind, tables: missing) }
    }
}
