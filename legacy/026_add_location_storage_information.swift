import MigrationEngine

extension LegacyScripts {
    /// `026_add_location_storage_information.py`: adds `image_locations.meta_data` as a pickled blob; existing
    /// rows get `pickle.dumps({})` (protocol 5, as the reference run wrote).
    static let v026 = LegacyScript(26, "add_location_storage_information", .perDialect(
        sqlite: [
            .addColumn(table: "image_locations", Column("meta_data", .binary)),
            .sql("UPDATE image_locations SET meta_data = X'80057D942E'"), // Data: a blob literal, SQLite's spelling.
        ],
        postgresql: [
            .addColumn(table: "image_locations", Column("meta_data", .binary)),
            .sql("UPDATE image_locations SET meta_data = '\\x80057d942e'::bytea"), // Data: PostgreSQL's bytea spelling.
        ],
        mysql: [
            .addColumn(table: "image_locations", Column("meta_data", .binary)),
            // Data: a hexadecimal literal, MySQL's spelling.
            .sql("UPDATE image_locations SET meta_data = X'80057D942E'"),
        ]))
}
