import MigrationEngine

extension LegacyScripts {
    /// `026_add_location_storage_information.py`: adds `image_locations.meta_data` as a pickled blob; existing rows get `pickle.dumps({})` (protocol 5, as the reference run wrote).
    static let v026 = LegacyScript(26, "add_location_storage_information", .perDialect(
        sqlite: [
            .sql("ALTER TABLE image_locations ADD COLUMN meta_data BLOB"),
            .sql("UPDATE image_locations SET meta_data = X'80057D942E'"),
        ],
        postgresql: [
            .sql("ALTER TABLE image_locations ADD COLUMN meta_data BYTEA"),
            .sql("UPDATE image_locations SET meta_data = '\\x80057d942e'::bytea"),
        ]))
}
