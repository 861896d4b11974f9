import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `029_location_meta_data_pickle_to_string.py`: location metadata moves from pickled blobs to JSON text.
    /// Every row gets `'{}'`; a pickle that does not unpickle to an empty dict gets `jsonutils.dumps` of its
    /// value. Glance ran `pickle.loads`, which can run any code; here `PickleReader` reads plain data only, and
    /// any pickle outside it (a class, a global, a reduce) or that Glance itself failed on refuses the upgrade,
    /// naming the row, before anything changes.
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
            do {
                _ = try locationMetadataJSON(database)
                return nil
            } catch let refusal as LegacyScriptRefusal {
                return refusal.description
            }
        }, carry: LegacyDataCarry(read: locationMetadataJSON, write: { database, rows in
            for row in rows {
                try database.execute("UPDATE image_locations SET meta_data = ? WHERE id = ?", [row[1], row[0]])
            }
        }))

    /// `[id, JSON text]` for every location whose pickled metadata is not an empty dict, in id order.
    /// - Throws: `LegacyScriptRefusal` naming the first row that cannot be read.
    @Sendable static func locationMetadataJSON(_ database: any Database) throws -> [[SQLValue]] {
        guard try columnExists(database, "image_locations", "meta_data") else { return [] }
        var converted: [[SQLValue]] = []
        let rows = try database.query(
            "SELECT id, image_id, meta_data FROM image_locations WHERE meta_data IS NOT NULL ORDER BY id")
        for row in rows {
            guard case .blob(let pickle) = row["meta_data"] else {
                throw LegacyScriptRefusal("legacy 029 cannot read the location metadata of image_locations.id "
                    + "\(row["id"]): it is not a pickled blob")
            }
            do {
                let value = try PickleReader.read(pickle)
                if case .dict(let dict) = value, dict.keys.isEmpty { continue }
                converted.append([row["id"], .text(try value.pythonJSON())])
            } catch let refusal as PickleRefusal {
                throw LegacyScriptRefusal("legacy 029 cannot convert the location metadata of image_locations.id "
                    + "\(row["id"]) (image \(row["image_id"])) to JSON: \(refusal); glance-bridge reads only plain "
                    + "data from pickles")
            }
        }
        return converted
    }
}
