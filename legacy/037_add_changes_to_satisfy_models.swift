import MigrationEngine

extension LegacyScripts {
    /// `037_add_changes_to_satisfy_models.py`: brings images, image_members and image_properties in line with the models: NOT NULL `protected` and member `status` with server defaults, the named `(image_id, name)` unique constraint. The SQLite override rebuilds the three tables (restoring the indexes 012 lost) and keeps the old `UNIQUE (image_id, member)` beside the new three-column one.
    static let v037 = LegacyScript(37, "add_changes_to_satisfy_models", .perDialect(
        sqlite: sqliteRebuild("images", create: """
            id VARCHAR(36) NOT NULL, name VARCHAR(255), size INTEGER, status VARCHAR(30) NOT NULL, is_public BOOLEAN NOT NULL, \
            created_at DATETIME NOT NULL, updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, \
            disk_format VARCHAR(20), container_format VARCHAR(20), checksum VARCHAR(32), owner VARCHAR(255), \
            min_disk INTEGER NOT NULL, min_ram INTEGER NOT NULL, protected BOOLEAN NOT NULL DEFAULT 0, virtual_size INTEGER, \
            PRIMARY KEY (id), CHECK (is_public IN (0, 1)), CHECK (deleted IN (0, 1))
            """, columns: ["id", "name", "size", "status", "is_public", "created_at", "updated_at", "deleted_at", "deleted",
                           "disk_format", "container_format", "checksum", "owner", "min_disk", "min_ram", "protected", "virtual_size"],
            select: ["id", "name", "size", "status", "is_public", "created_at", "updated_at", "deleted_at", "deleted",
                     "disk_format", "container_format", "checksum", "owner", "min_disk", "min_ram", "COALESCE(protected, 0)", "virtual_size"],
            indexes: ["CREATE INDEX ix_images_deleted ON images (deleted)", "CREATE INDEX ix_images_is_public ON images (is_public)",
                      "CREATE INDEX owner_image_idx ON images (owner)", "CREATE INDEX checksum_image_idx ON images (checksum)"])
            + sqliteRebuild("image_members", create: """
            id INTEGER NOT NULL, image_id VARCHAR(36) NOT NULL, member VARCHAR(255) NOT NULL, can_share BOOLEAN NOT NULL, \
            created_at DATETIME NOT NULL, updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, \
            status VARCHAR(20) NOT NULL DEFAULT 'pending', PRIMARY KEY (id), UNIQUE (image_id, member), \
            CHECK (can_share IN (0, 1)), CHECK (deleted IN (0, 1)), FOREIGN KEY(image_id) REFERENCES images (id), \
            CONSTRAINT image_members_image_id_member_deleted_at_key UNIQUE (image_id, member, deleted_at)
            """, columns: ["id", "image_id", "member", "can_share", "created_at", "updated_at", "deleted_at", "deleted", "status"],
            select: ["id", "image_id", "member", "can_share", "created_at", "updated_at", "deleted_at", "deleted", "COALESCE(status, 'pending')"],
            indexes: ["CREATE INDEX ix_image_members_deleted ON image_members (deleted)",
                      "CREATE INDEX ix_image_members_image_id ON image_members (image_id)",
                      "CREATE INDEX ix_image_members_image_id_member ON image_members (image_id, member)"])
            + sqliteRebuild("image_properties", create: """
            id INTEGER NOT NULL, image_id VARCHAR(36) NOT NULL, name VARCHAR(255) NOT NULL, value TEXT, \
            created_at DATETIME NOT NULL, updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, PRIMARY KEY (id), \
            CHECK (deleted IN (0, 1)), FOREIGN KEY(image_id) REFERENCES images (id), \
            CONSTRAINT ix_image_properties_image_id_name UNIQUE (image_id, name)
            """, columns: ["id", "image_id", "name", "value", "created_at", "updated_at", "deleted_at", "deleted"],
            indexes: ["CREATE INDEX ix_image_properties_deleted ON image_properties (deleted)",
                      "CREATE INDEX ix_image_properties_image_id ON image_properties (image_id)"]),
        postgresql: [
            .sql("UPDATE image_members SET status = 'pending' WHERE status IS NULL"),
            .sql("UPDATE images SET protected = FALSE WHERE protected IS NULL"),
            .alterTable("image_members", [.alterColumn("status", nullable: false, defaultValue: .set("'pending'"), type: .varchar(20))]),
            .alterTable("images", [.alterColumn("protected", nullable: false, defaultValue: .set("false"), type: .boolean)]),
            .dropIndex(name: "ix_image_properties_image_id_name", table: "image_properties"),
            postgresDropUniqueConstraints("image_properties"),
            .sql("ALTER TABLE image_properties ADD CONSTRAINT ix_image_properties_image_id_name UNIQUE (image_id, name)"),
            .sql("ALTER TABLE images ALTER COLUMN id DROP DEFAULT"),
        ]))
}
