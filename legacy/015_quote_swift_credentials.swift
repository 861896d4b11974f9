import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `015_quote_swift_credentials.py`: rewrites swift locations with URL-quoted credentials
    /// (`swift://acct:usr:pass@host/c/o` becomes `swift://acct%3Ausr:pass@host/c/o`). Glance aborts halfway on
    /// the first location it cannot parse; here every location is parsed first and a bad one refuses the whole
    /// upgrade before anything changes. Messages name the image, never the location (it holds credentials).
    static let v015 = LegacyScript(15, "quote_swift_credentials", precondition: { database in
        for row in try swiftLocations(database) {
            if case .failure(let reason) = SwiftLocation.quoted(row.location) {
                return "legacy 015 cannot quote the swift credentials of image \(row.id): \(reason); "
                    + "correct that location first"
            }
        }
        return nil
    }, data: { database in
        for row in try swiftLocations(database) {
            guard case .success(let quoted) = SwiftLocation.quoted(row.location), quoted != row.location else {
                continue
            }
            try database.execute("UPDATE images SET location = ? WHERE id = ?", [.text(quoted), row.idValue])
        }
    })

    /// Glance's `images.c.location.startswith('swift')`: the database's own LIKE decides, as it did for
    /// Glance. SQLite's (and MySQL's) LIKE ignores ASCII case, so `SWIFT://…` is selected there and
    /// `urlparse` lower-cases its scheme; PostgreSQL's LIKE is case-sensitive and leaves such a row alone.
    static func swiftLocations(_ database: any Database) throws -> [(id: String, idValue: SQLValue, location: String)] {
        guard try columnExists(database, "images", "location") else { return [] }
        let rows = try database.query("SELECT id, location FROM images WHERE location LIKE 'swift%' ORDER BY id")
        return rows.compactMap { row in
            guard let location = row["location"].stringValue else { return nil }
            return (row["id"].description, row["id"], location)
        }
    }
}
