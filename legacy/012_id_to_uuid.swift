import MigrationEngine

extension LegacyScripts {
    /// `012_id_to_uuid.py`: gives every image a random uuid instead of its integer id and rewrites the
    /// references (members, properties, kernel_id/ramdisk_id values). On SQLite the tables are rebuilt as
    /// `*_backup` copies, which loses the images and image_members indexes until 037.
    static let v012 = LegacyScript(12, "id_to_uuid", .perDialect(
        sqlite: [
            // Data: a random version-4 uuid for every image id (SQLite has no uuid function).
            .sql("""
                CREATE TEMP TABLE legacy_012_ids AS SELECT id AS old_id, lower(hex(randomblob(4))) || '-' || \
                lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || \
                substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || \
                lower(hex(randomblob(6))) AS new_id FROM images
                """),
            .recreateTable("images", [.changeType("id", .varchar(36)),
                                      .dropIndex("ix_images_deleted"), .dropIndex("ix_images_is_public")]),
            .recreateTable("image_members", [.changeType("image_id", .varchar(36)),
                                             .dropIndex("ix_image_members_image_id"),
                                             .dropIndex("ix_image_members_deleted"),
                                             .dropIndex("ix_image_members_image_id_member")]),
            .recreateTable("image_properties", [.changeType("image_id", .varchar(36))]),
        ] + rewriteIDs012 + [
            .sql("DROP TABLE legacy_012_ids"), // Data: the mapping is done with.
        ],
        postgresql: [
            // Data: a random uuid for every image id; the temporary mapping goes with the transaction.
            .sql("CREATE TEMP TABLE legacy_012_ids ON COMMIT DROP AS SELECT id AS old_id, gen_random_uuid()::text AS new_id FROM images"),
            .alterTable("image_members", [.dropForeignKey(imageForeignKey)]),
            .alterTable("image_properties", [.dropForeignKey(imageForeignKey)]),
            .alterTable("images", [.alterColumn("id", nullable: nil, defaultValue: .drop, type: .integer),
                                   .changeType("id", .varchar(36))]),
            .alterTable("image_members", [.changeType("image_id", .varchar(36))]),
            .alterTable("image_properties", [.changeType("image_id", .varchar(36))]),
        ] + rewriteIDs012 + [
            .alterTable("image_members", [.addForeignKey(imageForeignKey)]),
            .alterTable("image_properties", [.addForeignKey(imageForeignKey)]),
        ],
        // `_upgrade_other` on MySQL: the foreign keys are dropped by their reflected names and created again
        // under the same names (`image_members_ibfk_1`, `image_properties_ibfk_1`).
        mysql: [
            // Data: a random version-4 uuid for every image id, from the hex of an MD5 of MySQL's UUID(),
            // which is unique per call. A temporary table stays with the session and commits nothing.
            .sql("CREATE TEMPORARY TABLE legacy_012_ids (old_id INTEGER PRIMARY KEY, h CHAR(32), new_id VARCHAR(36))"),
            .sql("INSERT INTO legacy_012_ids (old_id, h) SELECT id, MD5(UUID()) FROM images"),
            .sql("""
                UPDATE legacy_012_ids SET new_id = CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-4', \
                SUBSTR(h, 14, 3), '-', SUBSTR('89ab', 1 + ASCII(SUBSTR(h, 17, 1)) % 4, 1), SUBSTR(h, 18, 3), '-', \
                SUBSTR(h, 21, 12))
                """),
            .alterTable("image_members", [.dropForeignKey(imageForeignKey)]),
            .alterTable("image_properties", [.dropForeignKey(imageForeignKey)]),
            .alterTable("images", [.changeType("id", .varchar(36))]),
            .alterTable("image_members", [.changeType("image_id", .varchar(36))]),
            .alterTable("image_properties", [.changeType("image_id", .varchar(36))]),
        ] + rewriteIDs012MySQL + [
            .sql("DROP TEMPORARY TABLE legacy_012_ids"), // Data: the mapping is done with.
            .alterTable("image_members", [.addForeignKey(reflectedImageForeignKey("image_members"))]),
            .alterTable("image_properties", [.addForeignKey(reflectedImageForeignKey("image_properties"))]),
        ]))

    /// The foreign key as MySQL named it when `table` was created, which 012 reads back and reuses.
    static func reflectedImageForeignKey(_ table: String) -> ForeignKey {
        ForeignKey(["image_id"], references: "images", ["id"], name: "\(table)_ibfk_1")
    }

    /// `rewriteIDs012` in MySQL's multi-table UPDATE: MySQL cannot open a temporary table twice in one statement.
    static let rewriteIDs012MySQL: [Operation] = [
        .sql("""
            UPDATE image_properties p JOIN legacy_012_ids m ON p.value = CAST(m.old_id AS CHAR) \
            SET p.value = m.new_id WHERE p.name IN ('kernel_id', 'ramdisk_id')
            """),
    ] + ["image_properties", "image_members"].map { table in
        .sql("UPDATE \(table) t JOIN legacy_012_ids m ON t.image_id = CAST(m.old_id AS CHAR) SET t.image_id = m.new_id")
    } + [
        .sql("UPDATE images i JOIN legacy_012_ids m ON i.id = CAST(m.old_id AS CHAR) SET i.id = m.new_id"),
    ]

    static let imageForeignKey = ForeignKey(["image_id"], references: "images", ["id"])

    /// Data: every old id, now text, becomes its uuid (kernel_id/ramdisk_id values first, while they still
    /// match). Rows pointing at no image keep their value, as Glance's per-image updates left them.
    static let rewriteIDs012: [Operation] = [
        .sql("""
            UPDATE image_properties SET value = (SELECT new_id FROM legacy_012_ids \
            WHERE CAST(old_id AS TEXT) = image_properties.value) \
            WHERE name IN ('kernel_id', 'ramdisk_id') AND value IN (SELECT CAST(old_id AS TEXT) FROM legacy_012_ids)
            """),
    ] + ["image_properties", "image_members"].map { table in
        .sql("""
            UPDATE \(table) SET image_id = (SELECT new_id FROM legacy_012_ids \
            WHERE CAST(old_id AS TEXT) = \(table).image_id) \
            WHERE image_id IN (SELECT CAST(old_id AS TEXT) FROM legacy_012_ids)
            """)
    } + [
        .sql("UPDATE images SET id = (SELECT new_id FROM legacy_012_ids WHERE CAST(old_id AS TEXT) = images.id)"),
    ]
}
