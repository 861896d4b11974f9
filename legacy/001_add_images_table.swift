import MigrationEngine

extension LegacyScripts {
    /// `001_add_images_table.py`: creates `images` with integer ids (uuids arrive in 012).
    static let v001 = LegacyScript(1, "add_images_table", .allDialects([
        .createTable(Table("images", columns: [
            Column("id", .integer, nullable: false),
            Column("name", .varchar(255)),
            Column("type", .varchar(30)),
            Column("size", .integer),
            Column("status", .varchar(30), nullable: false),
            Column("is_public", .boolean, nullable: false),
            Column("location", .text),
        ] + legacyTimestamps(), primaryKey: ["id"])),
        .createIndex(Index("ix_images_is_public", on: "images", ["is_public"])),
        .createIndex(Index("ix_images_deleted", on: "images", ["deleted"])),
    ]))
}
