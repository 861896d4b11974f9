import MigrationEngine

extension LegacyScripts {
    /// `003_add_disk_format.py`: moves `images.type` into a `type` property and adds the disk and container
    /// formats. The SQLite override (`003_sqlite_upgrade.sql`) uses today's date as the property's created_at
    /// and REPLACE INTO, and rebuilds `images` keeping its CHECKs; MySQL and PostgreSQL run the `.py`.
    static let v003 = LegacyScript(3, "add_disk_format", .perDialect(
        sqlite: [
            // Data: each image's type becomes a property, as the override's REPLACE INTO did.
            .sql("""
                REPLACE INTO image_properties (image_id, key, value, created_at, deleted) \
                SELECT id, 'type', type, date('now'), 0 FROM images WHERE type IS NOT NULL
                """),
        ] + schema003,
        postgresql: [
            // Data: each image's type becomes a property unless it already has one.
            .sql("""
                INSERT INTO image_properties (image_id, key, value, created_at, deleted) \
                SELECT i.id, 'type', i.type, i.created_at, FALSE FROM images i WHERE i.type IS NOT NULL \
                AND NOT EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id AND p.key = 'type')
                """),
        ] + schema003,
        mysql: [
            // Data: as on PostgreSQL; `key` is a reserved word in MySQL.
            .sql("""
                INSERT INTO image_properties (image_id, `key`, value, created_at, deleted) \
                SELECT i.id, 'type', i.type, i.created_at, FALSE FROM images i WHERE i.type IS NOT NULL \
                AND NOT EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id AND p.`key` = 'type')
                """),
        ] + schema003))

    static let schema003: [Operation] = [
        .addColumn(table: "images", Column("disk_format", .varchar(20))),
        .addColumn(table: "images", Column("container_format", .varchar(20))),
        .recreateTable("images", [.dropColumn("type")]),
    ]
}
