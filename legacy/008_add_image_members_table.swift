import MigrationEngine

extension LegacyScripts {
    /// `008_add_image_members_table.py`: creates `image_members`.
    static let v008 = LegacyScript(8, "add_image_members_table", .allDialects([
        .createTable(Table("image_members", columns: [
            Column("id", .integer, nullable: false),
            Column("image_id", .integer, nullable: false),
            Column("member", .varchar(255), nullable: false),
            Column("can_share", .boolean, nullable: false),
        ] + legacyTimestamps(), primaryKey: ["id"],
           foreignKeys: [ForeignKey(["image_id"], references: "images", ["id"])],
           uniqueConstraints: [UniqueConstraint(nil, ["image_id", "member"])])),
        .createIndex(Index("ix_image_members_image_id", on: "image_members", ["image_id"])),
        .createIndex(Index("ix_image_members_deleted", on: "image_members", ["deleted"])),
        .createIndex(Index("ix_image_members_image_id_member", on: "image_members", ["image_id", "member"])),
    ]))
}
