import MigrationEngine

/// `alembic_migrations/add_images_tables.py`: images, image_properties, image_locations, image_members,
/// image_tags as the Liberty (legacy 042) schema has them.
enum AddImagesTables {
    static let operations: [Operation] = [
        .createTable(Table("images", columns: [
            Column("id", .varchar(36), nullable: false),
            Column("name", .varchar(255)),
            Column("size", .bigintSQLiteInteger),
            Column("status", .varchar(30), nullable: false),
            Column("is_public", .boolean, nullable: false),
            Column("created_at", .datetime, nullable: false),
            Column("updated_at", .datetime),
            Column("deleted_at", .datetime),
            Column("deleted", .boolean, nullable: false),
            Column("disk_format", .varchar(20)),
            Column("container_format", .varchar(20)),
            Column("checksum", .varchar(32)),
            Column("owner", .varchar(255)),
            Column("min_disk", .integer, nullable: false),
            Column("min_ram", .integer, nullable: false),
            Column("protected", .boolean, nullable: false, default: "false"),
            Column("virtual_size", .bigintSQLiteInteger),
        ], primaryKey: ["id"])),
        .createIndex(Index("checksum_image_idx", on: "images", ["checksum"])),
        .createIndex(Index("ix_images_deleted", on: "images", ["deleted"])),
        .createIndex(Index("ix_images_is_public", on: "images", ["is_public"])),
        .createIndex(Index("owner_image_idx", on: "images", ["owner"])),

        .createTable(Table("image_properties", columns: [
            Column("id", .integer, nullable: false),
            Column("image_id", .varchar(36), nullable: false),
            Column("name", .varchar(255), nullable: false),
            Column("value", .text),
        ] + glanceBaseColumns(), primaryKey: ["id"],
           foreignKeys: [ForeignKey(["image_id"], references: "images", ["id"])],
           uniqueConstraints: [UniqueConstraint("ix_image_properties_image_id_name", ["image_id", "name"])])),
        .createIndex(Index("ix_image_properties_deleted", on: "image_properties", ["deleted"])),
        .createIndex(Index("ix_image_properties_image_id", on: "image_properties", ["image_id"])),

        .createTable(Table("image_locations", columns: [
            Column("id", .integer, nullable: false),
            Column("image_id", .varchar(36), nullable: false),
            Column("value", .text, nullable: false),
        ] + glanceBaseColumns() + [
            Column("meta_data", .text),
            Column("status", .varchar(30), nullable: false, default: "'active'"),
        ], primaryKey: ["id"], foreignKeys: [ForeignKey(["image_id"], references: "images", ["id"])])),
        .createIndex(Index("ix_image_locations_deleted", on: "image_locations", ["deleted"])),
        .createIndex(Index("ix_image_locations_image_id", on: "image_locations", ["image_id"])),

        .createTable(Table("image_members", columns: [
            Column("id", .integer, nullable: false),
            Column("image_id", .varchar(36), nullable: false),
            Column("member", .varchar(255), nullable: false),
            Column("can_share", .boolean, nullable: false),
        ] + glanceBaseColumns() + [
            Column("status", .varchar(20), nullable: false, default: "'pending'"),
        ], primaryKey: ["id"], foreignKeys: [ForeignKey(["image_id"], references: "images", ["id"])],
           uniqueConstraints: [UniqueConstraint("image_members_image_id_member_deleted_at_key", ["image_id", "member", "deleted_at"])])),
        .createIndex(Index("ix_image_members_deleted", on: "image_members", ["deleted"])),
        .createIndex(Index("ix_image_members_image_id", on: "image_members", ["image_id"])),
        .createIndex(Index("ix_image_members_image_id_member", on: "image_members", ["image_id", "member"])),

        .createTable(Table("image_tags", columns: [
            Column("id", .integer, nullable: false),
            Column("image_id", .varchar(36), nullable: false),
            Column("value", .varchar(255), nullable: false),
        ] + glanceBaseColumns(), primaryKey: ["id"], foreignKeys: [ForeignKey(["image_id"], references: "images", ["id"])])),
        .createIndex(Index("ix_image_tags_image_id", on: "image_tags", ["image_id"])),
        .createIndex(Index("ix_image_tags_image_id_tag_value", on: "image_tags", ["image_id", "value"])),
    ]
}
