import MigrationEngine

extension LegacyScripts {
    /// `020_drop_images_table_location.py`: drops `images.location` (a rebuild on SQLite, still without the indexes 012 lost).
    static let v020 = LegacyScript(20, "drop_images_table_location", .perDialect(
        sqlite: sqliteRebuild("images", create: """
            id VARCHAR(36) NOT NULL, name VARCHAR(255), size INTEGER, status VARCHAR(30) NOT NULL, is_public BOOLEAN NOT NULL, \
            created_at DATETIME NOT NULL, updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, \
            disk_format VARCHAR(20), container_format VARCHAR(20), checksum VARCHAR(32), owner VARCHAR(255), \
            min_disk INTEGER NOT NULL, min_ram INTEGER NOT NULL, protected BOOLEAN, PRIMARY KEY (id), \
            CHECK (is_public IN (0, 1)), CHECK (deleted IN (0, 1))
            """, columns: ["id", "name", "size", "status", "is_public", "created_at", "updated_at", "deleted_at", "deleted",
                           "disk_format", "container_format", "checksum", "owner", "min_disk", "min_ram", "protected"]),
        postgresql: [.alterTable("images", [.dropColumn("location")])]))
}
