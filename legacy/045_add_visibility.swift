import MigrationEngine

extension LegacyScripts {
    /// `045_add_visibility.py`: replaces `is_public` by `visibility` (public; shared when a live member exists; otherwise private). Kept by Glance only for comparison with `ocata01`. SQLite follows `045_sqlite_upgrade.sql`: a rebuild with a named CHECK on visibility.
    static let v045 = LegacyScript(45, "add_visibility", .perDialect(
        sqlite: sqliteRebuild("images", create: """
            id VARCHAR(36) NOT NULL, name VARCHAR(255), size INTEGER, status VARCHAR(30) NOT NULL, created_at DATETIME NOT NULL, \
            updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, disk_format VARCHAR(20), container_format VARCHAR(20), \
            checksum VARCHAR(32), owner VARCHAR(255), min_disk INTEGER NOT NULL, min_ram INTEGER NOT NULL, \
            protected BOOLEAN DEFAULT 0 NOT NULL, virtual_size INTEGER, visibility VARCHAR(9) DEFAULT 'shared' NOT NULL, \
            PRIMARY KEY (id), CHECK (deleted IN (0, 1)), CHECK (protected IN (0, 1)), \
            CONSTRAINT image_visibility CHECK (visibility IN ('private', 'public', 'shared', 'community'))
            """, columns: ["id", "name", "size", "status", "created_at", "updated_at", "deleted_at", "deleted", "disk_format",
                           "container_format", "checksum", "owner", "min_disk", "min_ram", "protected", "virtual_size", "visibility"],
            select: ["id", "name", "size", "status", "created_at", "updated_at", "deleted_at", "deleted", "disk_format",
                     "container_format", "checksum", "owner", "min_disk", "min_ram", "protected", "virtual_size",
                     "CASE WHEN is_public = 1 THEN 'public' WHEN id IN (SELECT DISTINCT image_id FROM image_members WHERE deleted != 1) THEN 'shared' ELSE 'private' END"],
            indexes: ["CREATE INDEX checksum_image_idx ON images (checksum)", "CREATE INDEX visibility_image_idx ON images (visibility)",
                      "CREATE INDEX ix_images_deleted ON images (deleted)", "CREATE INDEX owner_image_idx ON images (owner)",
                      "CREATE INDEX created_at_image_idx ON images (created_at)", "CREATE INDEX updated_at_image_idx ON images (updated_at)"]),
        postgresql: [
            .createEnum(visibility),
            .addColumn(table: "images", Column("visibility", .enumeration(visibility), nullable: false, default: "'shared'")),
            .createIndex(Index("visibility_image_idx", on: "images", ["visibility"])),
            .sql("UPDATE images SET visibility = 'public' WHERE is_public"),
            .sql("UPDATE images SET visibility = 'private' WHERE NOT is_public"),
            .sql("UPDATE images SET visibility = 'shared' WHERE visibility = 'private' AND id IN (SELECT DISTINCT image_id FROM image_members WHERE NOT deleted)"),
            .dropIndex(name: "ix_images_is_public", table: "images"),
            .alterTable("images", [.dropColumn("is_public")]),
        ]))

    static let visibility = EnumType("image_visibility", values: ["private", "public", "shared", "community"])
}
