import DatabaseCore

/// sqlalchemy-migrate's `migrate_version` table: `repository_id VARCHAR(250) PK, repository_path TEXT,
/// version INTEGER`, with Glance's row `repository_id = 'Glance Migrations'`.
public enum LegacyVersionTable {
    public static let name = "migrate_version"
    public static let repositoryID = "Glance Migrations"

    /// Glance's legacy version, nil when the table does not exist. Never writes.
    /// - Throws: `BridgeError` for a table without exactly one Glance row, or a version that is not an
    ///   integer from 0 to 45.
    /// - Parameter noGlanceRowMeansNone: a table without Glance's row gives nil instead of throwing (the
    ///   database is under Alembic and the table is kept for another project's rows).
    public static func version(in database: any Database, noGlanceRowMeansNone: Bool = false) throws -> Int? {
        guard try database.tableExists(name) else { return nil }
        let rows = try database.query("SELECT repository_id, version FROM \(database.dialect.quote(name))")
        let glance = rows.filter { $0["repository_id"].stringValue == repositoryID }
        if glance.isEmpty, noGlanceRowMeansNone { return nil }
        guard !glance.isEmpty else { throw BridgeError.noGlanceRow(found: rows.compactMap { $0["repository_id"].stringValue }) }
        guard glance.count == 1 else { throw BridgeError.severalGlanceRows(glance.count) }
        let raw = glance[0]["version"]
        guard let text = raw.stringValue, let value = Int(text) else {
            throw BridgeError.unreadableLegacyVersion(raw.stringValue ?? "NULL")
        }
        guard value >= 0 else { throw BridgeError.unreadableLegacyVersion(String(value)) }
        guard value <= 45 else { throw BridgeError.legacyVersionUnknown(value) }
        return value
    }
}

extension LegacyVersionTable {
    /// Ends sqlalchemy-migrate's control of Glance once the database is stamped: drops the table, or, when
    /// it also holds other projects' rows (a database shared with another service), deletes only Glance's.
    static func release(in database: any Database) throws {
        guard try database.tableExists(name) else { return }
        let table = database.dialect.quote(name)
        let others = try database.query("SELECT COUNT(*) AS n FROM \(table) WHERE repository_id <> ?", [.text(repositoryID)])
        if (others.first?["n"].intValue ?? 0) > 0 {
            try database.execute("DELETE FROM \(table) WHERE repository_id = ?", [.text(repositoryID)])
        } else {
            try database.execute("DROP TABLE \(table)")
        }
    }
}
