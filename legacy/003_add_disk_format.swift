import MigrationEngine

extension LegacyScripts {
    /// `003_add_disk_format.py`: moves `images.type` into a `type` property and adds the disk and container formats. The SQLite override (`003_sqlite_upgrade.sql`) uses today's date as the property's created_at and REPLACE INTO.
    static let v003 = LegacyScript(3, "add_disk_format", .perDialect(
        sqlite: [
            .sql("REPLACE INTO image_properties (image_id, key, value, created_at, deleted) SELECT id, 'type', type, date('now'), 0 FROM images WHERE type IS NOT NULL"),
        ] + sqliteRebuild("images", create: """
            id INTEGER NOT NULL, name VARCHAR(255), size INTEGER, status VARCHAR(30) NOT NULL, is_public BOOLEAN NOT NULL, \
            location TEXT, created_at DATETIME NOT NULL, updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, \
            disk_format VARCHAR(20), container_format VARCHAR(20), PRIMARY KEY (id), CHECK (is_public IN (0, 1)), CHECK (deleted IN (0, 1))
            """, columns: ["id", "name", "size", "status", "is_public", "location", "created_at", "updated_at", "deleted_at", "deleted"],
            indexes: ["CREATE INDEX ix_images_deleted ON images (deleted)", "CREATE INDEX ix_images_is_public ON images (is_public)"]),
        postgresql: [
            .sql("INSERT INTO image_properties (image_id, key, value, created_at, deleted) SELECT i.id, 'type', i.type, i.created_at, FALSE FROM images i WHERE i.type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id AND p.key = 'type')"),
            .addColumn(table: "images", Column("disk_format", .varchar(20))),
            .addColumn(table: "images", Column("container_format", .varchar(20))),
            .alterTable("images", [.dropColumn("type")]),
        ]))
}
