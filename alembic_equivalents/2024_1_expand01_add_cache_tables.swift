import MigrationEngine

extension GlanceRevisions {
    /// `2024_1_expand01_add_cache_tables.py`: the image-cache tables.
    public static let expand2024_1_01 = Revision(
        id: "2024_1_expand01", downRevisions: ["2023_1_expand01"],
        message: "adds cache_node_reference and cached_images table(s)",
        upgrade: .allDialects([
            .createTable(Table("node_reference", columns: [
                Column("node_reference_id", .bigintSQLiteInteger, nullable: false),
                Column("node_reference_url", .varchar(255), nullable: false),
            ], primaryKey: ["node_reference_id"],
               uniqueConstraints: [UniqueConstraint("uq_node_reference_node_reference_url", ["node_reference_url"])])),
            .createTable(Table("cached_images", columns: [
                Column("id", .bigintSQLiteInteger, nullable: false),
                Column("image_id", .varchar(36), nullable: false),
                Column("last_accessed", .datetime, nullable: false),
                Column("last_modified", .datetime, nullable: false),
                Column("size", .bigint, nullable: false),
                Column("hits", .integer, nullable: false),
                Column("checksum", .varchar(32)),
                Column("node_reference_id", .bigintSQLiteInteger, nullable: false),
            ], primaryKey: ["id"],
               foreignKeys: [ForeignKey(["node_reference_id"], references: "node_reference", ["node_reference_id"])],
               uniqueConstraints: [UniqueConstraint("ix_cached_images_image_id_node_reference_id", ["image_id", "node_reference_id"])])),
        ]))
}
