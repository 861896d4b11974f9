import MigrationEngine

extension LegacyScripts {
    /// `006_key_to_name.py`: renames `image_properties.key` to `name`. The SQLite override rebuilds the table with indexes on name and deleted only.
    static let v006 = LegacyScript(6, "key_to_name", .perDialect(
        sqlite: sqliteRebuild("image_properties", create: """
            id INTEGER NOT NULL, image_id INTEGER NOT NULL, name VARCHAR(255) NOT NULL, value TEXT, created_at DATETIME NOT NULL, \
            updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, PRIMARY KEY (id), CHECK (deleted IN (0, 1)), \
            UNIQUE (image_id, name), FOREIGN KEY(image_id) REFERENCES images (id)
            """, columns: ["id", "image_id", "name", "value", "created_at", "updated_at", "deleted_at", "deleted"],
            select: ["id", "image_id", "key", "value", "created_at", "updated_at", "deleted_at", "deleted"],
            indexes: ["CREATE INDEX ix_image_properties_name ON image_properties (name)",
                      "CREATE INDEX ix_image_properties_deleted ON image_properties (deleted)"]),
        postgresql: [
            .sql("ALTER TABLE image_properties RENAME COLUMN key TO name"),
            .sql("ALTER INDEX ix_image_properties_image_id_key RENAME TO ix_image_properties_image_id_name"),
        ]))
}
