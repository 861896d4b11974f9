import MigrationEngine

extension LegacyScripts {
    /// `006_key_to_name.py`: renames `image_properties.key` to `name`. The SQLite override rebuilds the table
    /// with indexes on name and deleted only; PostgreSQL renames the `(image_id, key)` index; MySQL's override
    /// recreates it as a unique index.
    static let v006 = LegacyScript(6, "key_to_name", .perDialect(
        sqlite: [
            .dropIndex(name: "ix_image_properties_image_id", table: "image_properties"),
            .dropIndex(name: "ix_image_properties_image_id_key", table: "image_properties"),
            .renameColumn(table: "image_properties", from: "key", to: "name"),
            .createIndex(Index("ix_image_properties_name", on: "image_properties", ["name"])),
        ],
        postgresql: [
            .renameColumn(table: "image_properties", from: "key", to: "name"),
            .renameIndex(table: "image_properties", from: "ix_image_properties_image_id_key",
                         to: "ix_image_properties_image_id_name"),
        ],
        // `006_mysql_upgrade.sql` (MySQL could not rename indexes): the index goes, the column is renamed
        // (the unnamed UNIQUE, MySQL's `image_id`, follows it), and the index comes back unique.
        mysql: [
            .dropIndex(name: "ix_image_properties_image_id_key", table: "image_properties"),
            .renameColumn(table: "image_properties", from: "key", to: "name"),
            .createIndex(Index("ix_image_properties_image_id_name", on: "image_properties", ["image_id", "name"],
                               unique: true)),
        ]))
}
