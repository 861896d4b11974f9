import MigrationEngine

extension LegacyScripts {
    /// `014_add_image_tags_table.py`: creates `image_tags`.
    static let v014 = LegacyScript(14, "add_image_tags_table", .allDialects([
        .createTable(Table("image_tags", columns: [
            Column("id", .integer, nullable: false),
            Column("image_id", .varchar(36), nullable: false),
            Column("value", .varchar(255), nullable: false),
        ] + legacyTimestamps(), primaryKey: ["id"], foreignKeys: [ForeignKey(["image_id"], references: "images", ["id"])])),
        .createIndex(Index("ix_image_tags_image_id", on: "image_tags", ["image_id"])),
        .createIndex(Index("ix_image_tags_image_id_tag_value", on: "image_tags", ["image_id", "value"])),
    ]))
}
