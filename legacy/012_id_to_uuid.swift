import MigrationEngine

extension LegacyScripts {
    /// `012_id_to_uuid.py`: gives every image a random uuid instead of its integer id and rewrites the references (members, properties, kernel_id/ramdisk_id values). On SQLite the tables are rebuilt as `*_backup` copies, which loses the images and image_members indexes until 037.
    static let v012 = LegacyScript(12, "id_to_uuid", .perDialect(
        sqlite: [
            .sql("CREATE TEMP TABLE legacy_012_ids AS SELECT id AS old_id, lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) AS new_id FROM images"),
            .sql("""
                CREATE TABLE images_backup (id VARCHAR(36) NOT NULL, name VARCHAR(255), size INTEGER, status VARCHAR(30) NOT NULL, \
                is_public BOOLEAN NOT NULL, location TEXT, created_at DATETIME NOT NULL, updated_at DATETIME, deleted_at DATETIME, \
                deleted BOOLEAN NOT NULL, disk_format VARCHAR(20), container_format VARCHAR(20), checksum VARCHAR(32), owner VARCHAR(255), \
                min_disk INTEGER NOT NULL, min_ram INTEGER NOT NULL, PRIMARY KEY (id), CHECK (is_public IN (0, 1)), CHECK (deleted IN (0, 1)))
                """),
            .sql("INSERT INTO images_backup SELECT m.new_id, name, size, status, is_public, location, created_at, updated_at, deleted_at, deleted, disk_format, container_format, checksum, owner, min_disk, min_ram FROM images JOIN legacy_012_ids m ON m.old_id = images.id"),
            .sql("""
                CREATE TABLE image_members_backup (id INTEGER NOT NULL, image_id VARCHAR(36) NOT NULL, member VARCHAR(255) NOT NULL, \
                can_share BOOLEAN NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, \
                PRIMARY KEY (id), UNIQUE (image_id, member), CHECK (can_share IN (0, 1)), CHECK (deleted IN (0, 1)), \
                FOREIGN KEY(image_id) REFERENCES images (id))
                """),
            .sql("INSERT INTO image_members_backup SELECT id, (SELECT new_id FROM legacy_012_ids WHERE old_id = image_members.image_id), member, can_share, created_at, updated_at, deleted_at, deleted FROM image_members"),
            .sql("""
                CREATE TABLE image_properties_backup (id INTEGER NOT NULL, image_id VARCHAR(36) NOT NULL, name VARCHAR(255) NOT NULL, \
                value TEXT, created_at DATETIME NOT NULL, updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, \
                PRIMARY KEY (id), CHECK (deleted IN (0, 1)), UNIQUE (image_id, name), FOREIGN KEY(image_id) REFERENCES images (id))
                """),
            .sql("INSERT INTO image_properties_backup SELECT id, (SELECT new_id FROM legacy_012_ids WHERE old_id = image_properties.image_id), name, CASE WHEN name IN ('kernel_id', 'ramdisk_id') THEN COALESCE((SELECT new_id FROM legacy_012_ids WHERE CAST(old_id AS TEXT) = image_properties.value), value) ELSE value END, created_at, updated_at, deleted_at, deleted FROM image_properties"),
            .sql("DROP TABLE image_properties"),
            .sql("DROP TABLE image_members"),
            .sql("DROP TABLE images"),
            .sql("ALTER TABLE images_backup RENAME TO images"),
            .sql("ALTER TABLE image_members_backup RENAME TO image_members"),
            .sql("ALTER TABLE image_properties_backup RENAME TO image_properties"),
            .sql("CREATE INDEX ix_image_properties_deleted ON image_properties (deleted)"),
            .sql("CREATE INDEX ix_image_properties_name ON image_properties (name)"),
            .sql("DROP TABLE legacy_012_ids"),
        ],
        postgresql: [
            .sql("CREATE TEMP TABLE legacy_012_ids ON COMMIT DROP AS SELECT id AS old_id, gen_random_uuid()::text AS new_id FROM images"),
            .sql("ALTER TABLE image_members DROP CONSTRAINT image_members_image_id_fkey"),
            .sql("ALTER TABLE image_properties DROP CONSTRAINT image_properties_image_id_fkey"),
            .sql("ALTER TABLE images ALTER COLUMN id DROP DEFAULT"),
            .sql("ALTER TABLE images ALTER COLUMN id TYPE VARCHAR(36) USING id::text"),
            .sql("ALTER TABLE image_members ALTER COLUMN image_id TYPE VARCHAR(36) USING image_id::text"),
            .sql("ALTER TABLE image_properties ALTER COLUMN image_id TYPE VARCHAR(36) USING image_id::text"),
            .sql("UPDATE image_properties SET value = m.new_id FROM legacy_012_ids m WHERE image_properties.name IN ('kernel_id', 'ramdisk_id') AND image_properties.value = m.old_id::text"),
            .sql("UPDATE image_properties SET image_id = m.new_id FROM legacy_012_ids m WHERE image_properties.image_id = m.old_id::text"),
            .sql("UPDATE image_members SET image_id = m.new_id FROM legacy_012_ids m WHERE image_members.image_id = m.old_id::text"),
            .sql("UPDATE images SET id = m.new_id FROM legacy_012_ids m WHERE images.id = m.old_id::text"),
            .sql("ALTER TABLE image_members ADD FOREIGN KEY (image_id) REFERENCES images (id)"),
            .sql("ALTER TABLE image_properties ADD FOREIGN KEY (image_id) REFERENCES images (id)"),
        ]))
}
