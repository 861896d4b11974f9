import MigrationEngine

extension GlanceRevisions {
    /// `data_migrations/train_migrate01_backend_to_store.py`: renames the `"backend":` key of location
    /// metadata to `"store":`. Glance's check tests a SELECT's rowcount, so it never ran on SQLite; the
    /// REPLACE comparison here is case-sensitive like the update itself and works on both dialects.
    public static let trainMigrate01 = DataMigration(
        id: "train_migrate01",
        requiresColumn: (table: "image_locations", column: "meta_data"),
        pendingQuery: "SELECT EXISTS (SELECT 1 FROM image_locations WHERE REPLACE(meta_data, '\"backend\":', '\"store\":') <> meta_data)",
        statements: [
            "UPDATE image_locations SET meta_data = REPLACE(meta_data, '\"backend\":', '\"store\":') WHERE REPLACE(meta_data, '\"backend\":', '\"store\":') <> meta_data",
        ])
}
