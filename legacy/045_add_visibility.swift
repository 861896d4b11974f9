import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `045_add_visibility.py`: replaces `is_public` by `visibility` (public; shared when a live member exists;
    /// otherwise private). Kept by Glance only for comparison with `ocata01`. SQLite follows
    /// `045_sqlite_upgrade.sql`: a rebuild with its own CHECKs, including a named one on visibility.
    static let v045 = LegacyScript(45, "add_visibility", .perDialect(
        sqlite: [
            .addColumn(table: "images", visibilityColumn),
            // Data: what the override's INSERT … SELECT computed while copying.
            .sql("""
                UPDATE images SET visibility = CASE WHEN is_public = 1 THEN 'public' WHEN id IN \
                (SELECT DISTINCT image_id FROM image_members WHERE deleted != 1) THEN 'shared' ELSE 'private' END
                """),
            .recreateTable("images", [
                .dropColumn("is_public"),
                .addCheck("protected IN (0, 1)", name: nil),
                .addCheck("visibility IN ('private', 'public', 'shared', 'community')", name: "image_visibility"),
            ]),
            .createIndex(Index("visibility_image_idx", on: "images", ["visibility"])),
        ],
        postgresql: [
            .createEnum(visibility),
            .addColumn(table: "images", visibilityColumn),
            .createIndex(Index("visibility_image_idx", on: "images", ["visibility"])),
        ] + visibilityRules + [ // the data, between adding visibility and dropping is_public
            .dropIndex(name: "ix_images_is_public", table: "images"),
            .alterTable("images", [.dropColumn("is_public")]),
        ],
        // MySQL spells the enum inline in the column (no type to create); dropping `is_public` takes its CHECK.
        mysql: [
            .addColumn(table: "images", visibilityColumn),
            .createIndex(Index("visibility_image_idx", on: "images", ["visibility"])),
        ] + visibilityRules + [
            .alterTable("images", [.dropIndex("ix_images_is_public"), .dropColumn("is_public")]),
        ]),
        alembicRevision: "ocata01",
        residue: PerDialect(sqlite: [Residue("images", because:
            "045_sqlite_upgrade.sql rebuilds images with CHECKs (including the named image_visibility one); "
                + "Alembic's batch rebuild in ocata_contract01 drops unnamed CHECK constraints")],
                            postgresql: [], mysql: []))

    /// `045_add_visibility.py`'s three UPDATEs (public, private, then shared where a live member exists).
    static let visibilityRules: [Operation] = [
        .sql("UPDATE images SET visibility = 'public' WHERE is_public"),
        .sql("UPDATE images SET visibility = 'private' WHERE NOT is_public"),
        .sql("""
            UPDATE images SET visibility = 'shared' WHERE visibility = 'private' AND id IN \
            (SELECT DISTINCT image_id FROM image_members WHERE NOT deleted)
            """),
    ]

    static let visibilityColumn = Column("visibility", .enumeration(visibility), nullable: false, default: "'shared'")
    static let visibility = EnumType("image_visibility", values: ["private", "public", "shared", "community"])
}
