import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// Hex of `pickle.dumps({})` for every protocol Glance's Pythons used (0 to 5): empty metadata, which 029
    /// turns into `'{}'`.
    static let emptyDictPickles = ["286470300A2E", "286470310A2E", "7D71002E", "7D71012E", "80027D71002E", "80027D71012E",
                                   "80037D71002E", "80037D71012E", "80047D942E", "80057D942E"]

    /// The upper-case hex text of `image_locations.meta_data` (a BLOB on SQLite, BYTEA on PostgreSQL).
    static let hexOfMetaData = PerDialect(sqlite: "hex(meta_data)", postgresql: "upper(encode(meta_data, 'hex'))")

    /// `029_location_meta_data_pickle_to_string.py`: location metadata moves from pickled blobs to JSON text.
    /// Unpickling arbitrary data is not something to do blindly, so metadata other than an empty dict stops the
    /// upgrade before any change; empty metadata (what 026 writes) becomes `'{}'` as in Glance.
    static let v029 = LegacyScript(29, "location_meta_data_pickle_to_string", .perDialect(
        sqlite: [
            .sql("ALTER TABLE image_locations ADD COLUMN storage_meta_data TEXT"),
            .sql("UPDATE image_locations SET storage_meta_data = '{}'"),
        ] + sqliteRebuild("image_locations", create: """
            id INTEGER NOT NULL, image_id VARCHAR(36) NOT NULL, value TEXT NOT NULL, created_at DATETIME NOT NULL, \
            updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, meta_data TEXT, PRIMARY KEY (id), \
            CHECK (deleted IN (0, 1)), FOREIGN KEY(image_id) REFERENCES images (id), CHECK (deleted IN (0, 1))
            """, columns: ["id", "image_id", "value", "created_at", "updated_at", "deleted_at", "deleted", "meta_data"],
            select: ["id", "image_id", "value", "created_at", "updated_at", "deleted_at", "deleted", "storage_meta_data"],
            indexes: ["CREATE INDEX ix_image_locations_deleted ON image_locations (deleted)",
                      "CREATE INDEX ix_image_locations_image_id ON image_locations (image_id)"]),
        postgresql: [
            .sql("ALTER TABLE image_locations ADD COLUMN storage_meta_data TEXT"),
            .sql("UPDATE image_locations SET storage_meta_data = '{}'"),
            .alterTable("image_locations", [.dropColumn("meta_data")]),
            .sql("ALTER TABLE image_locations RENAME COLUMN storage_meta_data TO meta_data"),
        ]), precondition: { database in
            guard try columnExists(database, "image_locations", "meta_data") else { return nil }
            let hex = Self.hexOfMetaData[database.dialect]
            let known = emptyDictPickles.map { "'\($0)'" }.joined(separator: ", ")
            let rows = try database.query("SELECT id FROM image_locations WHERE meta_data IS NOT NULL AND \(hex) NOT IN (\(known))")
            guard let first = rows.first else { return nil }
            return "legacy 029 would have to unpickle the location metadata of \(rows.count) row(s) (first: image_locations.id \(first["id"])); glance-bridge does not unpickle data, run version 029 with Glance (Havana) first"
        })
}
