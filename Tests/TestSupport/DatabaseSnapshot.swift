import DatabaseCore
import Foundation

/// Everything observable about a scratch database: the file's bytes (SQLite) or the catalog and every
/// table's row count (PostgreSQL). Equal snapshots before and after a refused command prove it changed
/// nothing.
public struct DatabaseSnapshot: Equatable {
    let bytes: Data?
    let schema: Schema
    let counts: [String: Int64]

    public init(_ scratch: ScratchDatabase) throws {
        if let path = scratch.sqlitePath {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            schema = Schema()
            counts = [:]
            return
        }
        bytes = nil
        let db = try scratch.connect()
        schema = try db.introspect()
        var counts: [String: Int64] = [:]
        for table in schema.tableNames {
            counts[table] = try db.query("SELECT COUNT(*) AS n FROM \(db.dialect.quote(table))").first?["n"].intValue
        }
        self.counts = counts
    }
}
