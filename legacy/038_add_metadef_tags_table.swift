import MigrationEngine

extension LegacyScripts {
    /// `038_add_metadef_tags_table.py`: creates `metadef_tags` (its foreign key comes in 039).
    static let v038 = LegacyScript(38, "add_metadef_tags_table", .allDialects([
        .createTable(Table("metadef_tags", columns: [
            Column("id", .integer, nullable: false),
            Column("namespace_id", .integer, nullable: false),
            Column("name", .varchar(80), nullable: false),
            Column("created_at", .datetime, nullable: false),
            Column("updated_at", .datetime),
        ], primaryKey: ["id"], uniqueConstraints: [UniqueConstraint(nil, ["namespace_id", "name"])])),
        .createIndex(Index("ix_tags_namespace_id_name", on: "metadef_tags", ["namespace_id", "name"])),
    ]))
}
