import MigrationEngine

extension LegacyScripts {
    /// `018_add_image_locations_table.py`: creates `image_locations`.
    static let v018 = LegacyScript(18, "add_image_locations_table", .allDialects([
        .createTable(Table("image_locations", columns: [
            Column("id", .integer, nullable: false),
            Column("image_id", .varchar(36), nullable: false),
            Column("value", .text, nullable: false),
        ] + legacyTimestamps(), primaryKey: ["id"], foreignKeys: [ForeignKey(["image_id"], references: "images", ["id"])])),
        .createIndex(Index("ix_image_locations_image_id", on: "image_locations", ["image_id"])),
        .createIndex(Index("ix_image_locations_deleted", on: "image_locations", ["deleted"])),
    ]))
}
