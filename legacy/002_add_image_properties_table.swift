import MigrationEngine

extension LegacyScripts {
    /// `002_add_image_properties_table.py`: creates `image_properties` keyed by `(image_id, key)`.
    static let v002 = LegacyScript(2, "add_image_properties_table", .allDialects([
        .createTable(Table("image_properties", columns: [
            Column("id", .integer, nullable: false),
            Column("image_id", .integer, nullable: false),
            Column("key", .varchar(255), nullable: false),
            Column("value", .text),
        ] + legacyTimestamps(), primaryKey: ["id"],
           foreignKeys: [ForeignKey(["image_id"], references: "images", ["id"])],
           uniqueConstraints: [UniqueConstraint(nil, ["image_id", "key"])])),
        .createIndex(Index("ix_image_properties_image_id", on: "image_properties", ["image_id"])),
        .createIndex(Index("ix_image_properties_deleted", on: "image_properties", ["deleted"])),
        .createIndex(Index("ix_image_properties_image_id_key", on: "image_properties", ["image_id", "key"])),
    ]))
}
