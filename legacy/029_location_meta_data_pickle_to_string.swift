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
            .addColumn(table: "image_locations", Column("storage_meta_data", .text)),
            // Data: every row starts as empty JSON; the carry then writes each non-empty pickle's JSON.
            .sql("UPDATE image_locations SET storage_meta_data = '{}'"),
            // (the carry writes here)
            // sqlalchemy-migrate's drop_column rebuilt the table from its reflection: the reflected CHECK plus
            // the one the reflected Boolean `deleted` emits again.
            .recreateTable("image_locations", [.dropColumn("meta_data"), .addCheck("deleted IN (0, 1)", name: nil)]),
            .renameColumn(table: "image_locations", from: "storage_meta_data", to: "meta_data"),
        ],
        postgresql: alterInPlace029, mysql: alterInPlace029), precondition: { database in
            do {
                _ = try locationMetadataJSON(database)
                return nil
            } catch let refusal as LegacyScriptRefusal {
                return refusal.description
            }
        }, carry: LegacyDataCarry(read: locationMetadataJSON, write: { database, rows in
            // Into the new column while the pickles still exist, as Glance's 029 did (operation 2 drops them).
            for row in rows {
                try database.execute("UPDATE image_locations SET storage_meta_data = ? WHERE id = ?", [row[1], row[0]])
            }
        }, writeBefore: 2), residue: PerDialect(sqlite: [Residue("image_locations", because:
            "sqlalchemy-migrate's rebuild in 029 repeated the Boolean CHECK")], postgresql: [], mysql: []))

    /// Where columns are dropped and renamed in place (PostgreSQL, MySQL's `CHANGE COLUMN`).
    static let alterInPlace029: [Operation] = [
        .addColumn(table: "image_locations", Column("storage_meta_data", .text)),
        // Data: every row starts as empty JSON; the carry then writes each non-empty pickle's JSON.
        .sql("UPDATE image_locations SET storage_meta_data = '{}'"),
        // (the carry writes here)
        .alterTable("image_locations", [.dropColumn("meta_data")]),
        .renameColumn(table: "image_locations", from: "storage_meta_data", to: "meta_data"),
    ]

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
