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
            .addColumn(table: "image_locations", Column("storage_meta_data", .text)),
            // Data: empty pickles, all the precondition lets through, become empty JSON.
            .sql("UPDATE image_locations SET storage_meta_data = '{}'"),
            // sqlalchemy-migrate's drop_column rebuilt the table from its reflection: the reflected CHECK plus
            // the one the reflected Boolean `deleted` emits again.
            .recreateTable("image_locations", [.dropColumn("meta_data"), .addCheck("deleted IN (0, 1)", name: nil)]),
            .renameColumn(table: "image_locations", from: "storage_meta_data", to: "meta_data"),
        ],
        postgresql: [
            .addColumn(table: "image_locations", Column("storage_meta_data", .text)),
            // Data: empty pickles, all the precondition lets through, become empty JSON.
            .sql("UPDATE image_locations SET storage_meta_data = '{}'"),
            .alterTable("image_locations", [.dropColumn("meta_data")]),
            .renameColumn(table: "image_locations", from: "storage_meta_data", to: "meta_data"),
        ]), precondition: { database in
            guard try columnExists(database, "image_locations", "meta_data") else { return nil }
            let hex = Self.hexOfMetaData[database.dialect]
            let known = emptyDictPickles.map { "'\($0)'" }.joined(separator: ", ")
            let rows = try database.query("SELECT id FROM image_locations WHERE meta_data IS NOT NULL AND \(hex) NOT IN (\(known))")
            guard let first = rows.first else { return nil }
            return "legacy 029 would have to unpickle the location metadata of \(rows.count) row(s) (first: image_locations.id \(first["id"])); glance-bridge does not unpickle data, run version 029 with Glance (Havana) first"
        }, residue: PerDialect(sqlite: [Residue("image_locations", because:
            "sqlalchemy-migrate's rebuild in 029 repeated the Boolean CHECK")], postgresql: []))
}
