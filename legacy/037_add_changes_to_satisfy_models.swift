import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `037_add_changes_to_satisfy_models.py`: brings images, image_members and image_properties in line with
    /// the models: NOT NULL `protected` and member `status` with server defaults, the named `(image_id, name)`
    /// unique constraint. The SQLite override rebuilds the three tables keeping their CHECKs (restoring the
    /// indexes 012 lost) and keeps the old `UNIQUE (image_id, member)` beside the new three-column one.
    static let v037 = LegacyScript(37, "add_changes_to_satisfy_models", .perDialect(
        sqlite: fillDefaults037 + [
            .recreateTable("images", [protectedNotNull037]),
            .createIndex(Index("ix_images_deleted", on: "images", ["deleted"])),
            .createIndex(Index("ix_images_is_public", on: "images", ["is_public"])),
            .recreateTable("image_members", [statusNotNull037, .addUniqueConstraint(UniqueConstraint(
                "image_members_image_id_member_deleted_at_key", ["image_id", "member", "deleted_at"]))]),
            .createIndex(Index("ix_image_members_deleted", on: "image_members", ["deleted"])),
            .createIndex(Index("ix_image_members_image_id", on: "image_members", ["image_id"])),
            .createIndex(Index("ix_image_members_image_id_member", on: "image_members", ["image_id", "member"])),
            .recreateTable("image_properties", propertiesUnique037 + [.dropIndex("ix_image_properties_name")]),
            .createIndex(Index("ix_image_properties_image_id", on: "image_properties", ["image_id"])),
        ],
        postgresql: fillDefaults037 + [
            .alterTable("image_members", [statusNotNull037]),
            .alterTable("images", [protectedNotNull037]),
            .dropIndex(name: "ix_image_properties_image_id_name", table: "image_properties"),
            .alterTable("image_properties", propertiesUnique037),
            .alterTable("images", [.alterColumn("id", nullable: nil, defaultValue: .drop, type: .varchar(36))]),
        ],
        // MySQL drops the properties' old UNIQUE by the name MySQL gave it (`image_id`, renamed along by 006);
        // `image_locations` has its foreign key since 018, so 037's fallback adds none.
        mysql: fillDefaults037 + [
            .alterTable("image_members", [statusNotNull037]),
            .alterTable("images", [protectedNotNull037]),
            .alterTable("image_properties", [.dropIndex("image_id")]),
        ]),
        residue: PerDialect(sqlite: [Residue("images", because:
            "037_sqlite_upgrade.sql declares images.protected without a CHECK; liberty_initial's Boolean has one")],
                            postgresql: [], mysql: []))

    /// Data: rows must have values before the columns become NOT NULL (sqlalchemy-migrate's populate_default).
    static let fillDefaults037: [Operation] = [
        .sql("UPDATE image_members SET status = 'pending' WHERE status IS NULL"),
        .sql("UPDATE images SET protected = FALSE WHERE protected IS NULL"),
    ]
    static let protectedNotNull037 = TableAlteration.alterColumn("protected", nullable: false,
                                                                 defaultValue: .set("false"), type: .boolean)
    static let statusNotNull037 = TableAlteration.alterColumn("status", nullable: false,
                                                              defaultValue: .set("'pending'"), type: .varchar(20))
    static let propertiesUnique037: [TableAlteration] = [
        .dropUniqueConstraint(columns: ["image_id", "name"]),
        .addUniqueConstraint(UniqueConstraint("ix_image_properties_image_id_name", ["image_id", "name"])),
    ]
}
