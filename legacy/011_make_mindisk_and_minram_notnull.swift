import MigrationEngine

extension LegacyScripts {
    /// `011_make_mindisk_and_minram_notnull.py`: makes `min_disk`/`min_ram` NOT NULL (a rebuild on SQLite, `011_sqlite_upgrade.sql`).
    static let v011 = LegacyScript(11, "make_mindisk_and_minram_notnull", .perDialect(
        sqlite: sqliteRebuild("images", create: """
            id INTEGER NOT NULL, name VARCHAR(255), size INTEGER, status VARCHAR(30) NOT NULL, is_public BOOLEAN NOT NULL, \
            location TEXT, created_at DATETIME NOT NULL, updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, \
            disk_format VARCHAR(20), container_format VARCHAR(20), checksum VARCHAR(32), owner VARCHAR(255), \
            min_disk INTEGER NOT NULL, min_ram INTEGER NOT NULL, PRIMARY KEY (id), CHECK (is_public IN (0, 1)), CHECK (deleted IN (0, 1))
            """, columns: ["id", "name", "size", "status", "is_public", "location", "created_at", "updated_at",
                           "deleted_at", "deleted", "disk_format", "container_format", "checksum", "owner", "min_disk", "min_ram"],
            indexes: ["CREATE INDEX ix_images_deleted ON images (deleted)", "CREATE INDEX ix_images_is_public ON images (is_public)"]),
        postgresql: [
            .alterTable("images", [.alterColumn("min_disk", nullable: false, defaultValue: .keep, type: .integer),
                                   .alterColumn("min_ram", nullable: false, defaultValue: .keep, type: .integer)]),
        ]))
}
