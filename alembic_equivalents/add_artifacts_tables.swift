import MigrationEngine

/// `alembic_migrations/add_artifacts_tables.py`: the Glare v1 tables of legacy 041, dropped again by
/// `pike_contract01`.
public enum AddArtifactsTables {
    private static func stamps() -> [Column] {
        [Column("created_at", .datetime, nullable: false), Column("updated_at", .datetime, nullable: false)]
    }

    public static let operations: [Operation] = [
        .createTable(Table("artifacts", columns: [
            Column("id", .varchar(36), nullable: false),
            Column("name", .varchar(255), nullable: false),
            Column("type_name", .varchar(255), nullable: false),
            Column("type_version_prefix", .bigint, nullable: false),
            Column("type_version_suffix", .varchar(255)),
            Column("type_version_meta", .varchar(255)),
            Column("version_prefix", .bigint, nullable: false),
            Column("version_suffix", .varchar(255)),
            Column("version_meta", .varchar(255)),
            Column("description", .text),
            Column("visibility", .varchar(32), nullable: false),
            Column("state", .varchar(32), nullable: false),
            Column("owner", .varchar(255), nullable: false),
        ] + stamps() + [
            Column("deleted_at", .datetime),
            Column("published_at", .datetime),
        ], primaryKey: ["id"])),
        .createIndex(Index("ix_artifact_name_and_version", on: "artifacts", ["name", "version_prefix", "version_suffix"])),
        .createIndex(Index("ix_artifact_owner", on: "artifacts", ["owner"])),
        .createIndex(Index("ix_artifact_state", on: "artifacts", ["state"])),
        .createIndex(Index("ix_artifact_type", on: "artifacts", ["type_name", "type_version_prefix", "type_version_suffix"])),
        .createIndex(Index("ix_artifact_visibility", on: "artifacts", ["visibility"])),

        .createTable(Table("artifact_tags", columns: [
            Column("id", .varchar(36), nullable: false),
            Column("artifact_id", .varchar(36), nullable: false),
            Column("value", .varchar(255), nullable: false),
        ] + stamps(), primaryKey: ["id"], foreignKeys: [ForeignKey(["artifact_id"], references: "artifacts", ["id"])])),
        .createIndex(Index("ix_artifact_tags_artifact_id", on: "artifact_tags", ["artifact_id"])),
        .createIndex(Index("ix_artifact_tags_artifact_id_tag_value", on: "artifact_tags", ["artifact_id", "value"])),

        .createTable(Table("artifact_dependencies", columns: [
            Column("id", .varchar(36), nullable: false),
            Column("artifact_source", .varchar(36), nullable: false),
            Column("artifact_dest", .varchar(36), nullable: false),
            Column("artifact_origin", .varchar(36), nullable: false),
            Column("is_direct", .boolean, nullable: false),
            Column("position", .integer),
            Column("name", .varchar(36)),
        ] + stamps(), primaryKey: ["id"], foreignKeys: [
            // Glance's order, which gives MySQL's names: artifact_dependencies_ibfk_1 is artifact_dest.
            ForeignKey(["artifact_dest"], references: "artifacts", ["id"]),
            ForeignKey(["artifact_origin"], references: "artifacts", ["id"]),
            ForeignKey(["artifact_source"], references: "artifacts", ["id"]),
        ])),
        .createIndex(Index("ix_artifact_dependencies_dest_id", on: "artifact_dependencies", ["artifact_dest"])),
        .createIndex(Index("ix_artifact_dependencies_direct_dependencies", on: "artifact_dependencies",
                           ["artifact_source", "is_direct"])),
        .createIndex(Index("ix_artifact_dependencies_origin_id", on: "artifact_dependencies", ["artifact_origin"])),
        .createIndex(Index("ix_artifact_dependencies_source_id", on: "artifact_dependencies", ["artifact_source"])),

        .createTable(Table("artifact_blobs", columns: [
            Column("id", .varchar(36), nullable: false),
            Column("artifact_id", .varchar(36), nullable: false),
            Column("size", .bigint, nullable: false),
            Column("checksum", .varchar(32)),
            Column("name", .varchar(255), nullable: false),
            Column("item_key", .varchar(329)),
            Column("position", .integer),
        ] + stamps(), primaryKey: ["id"], foreignKeys: [ForeignKey(["artifact_id"], references: "artifacts", ["id"])])),
        .createIndex(Index("ix_artifact_blobs_artifact_id", on: "artifact_blobs", ["artifact_id"])),
        .createIndex(Index("ix_artifact_blobs_name", on: "artifact_blobs", ["name"])),

        .createTable(Table("artifact_properties", columns: [
            Column("id", .varchar(36), nullable: false),
            Column("artifact_id", .varchar(36), nullable: false),
            Column("name", .varchar(255), nullable: false),
            Column("string_value", .varchar(255)),
            Column("int_value", .integer),
            Column("numeric_value", .numeric),
            Column("bool_value", .boolean),
            Column("text_value", .text),
        ] + stamps() + [Column("position", .integer)], primaryKey: ["id"],
           foreignKeys: [ForeignKey(["artifact_id"], references: "artifacts", ["id"])])),
        .createIndex(Index("ix_artifact_properties_artifact_id", on: "artifact_properties", ["artifact_id"])),
        .createIndex(Index("ix_artifact_properties_name", on: "artifact_properties", ["name"])),

        .createTable(Table("artifact_blob_locations", columns: [
            Column("id", .varchar(36), nullable: false),
            Column("blob_id", .varchar(36), nullable: false),
            Column("value", .text, nullable: false),
        ] + stamps() + [
            Column("position", .integer),
            Column("status", .varchar(36)),
        ], primaryKey: ["id"], foreignKeys: [ForeignKey(["blob_id"], references: "artifact_blobs", ["id"])])),
        .createIndex(Index("ix_artifact_blob_locations_blob_id", on: "artifact_blob_locations", ["blob_id"])),
    ]
}
