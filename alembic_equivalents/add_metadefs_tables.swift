import MigrationEngine

/// `alembic_migrations/add_metadefs_tables.py`: the six metadef tables.
enum AddMetadefsTables {
    static let operations: [Operation] = [
        .createTable(Table("metadef_namespaces", columns: [
            Column("id", .integer, nullable: false),
            Column("namespace", .varchar(80), nullable: false),
            Column("display_name", .varchar(80)),
            Column("description", .text),
            Column("visibility", .varchar(32)),
            Column("protected", .boolean),
            Column("owner", .varchar(255), nullable: false),
        ] + metadefTimestampColumns(), primaryKey: ["id"],
           uniqueConstraints: [UniqueConstraint("uq_metadef_namespaces_namespace", ["namespace"])])),
        .createIndex(Index("ix_metadef_namespaces_owner", on: "metadef_namespaces", ["owner"])),

        .createTable(Table("metadef_resource_types", columns: [
            Column("id", .integer, nullable: false),
            Column("name", .varchar(80), nullable: false),
            Column("protected", .boolean, nullable: false),
        ] + metadefTimestampColumns(), primaryKey: ["id"],
           uniqueConstraints: [UniqueConstraint("uq_metadef_resource_types_name", ["name"])])),

        .createTable(Table("metadef_namespace_resource_types", columns: [
            Column("resource_type_id", .integer, nullable: false),
            Column("namespace_id", .integer, nullable: false),
            Column("properties_target", .varchar(80)),
            Column("prefix", .varchar(80)),
        ] + metadefTimestampColumns(), primaryKey: ["resource_type_id", "namespace_id"],
           foreignKeys: [ForeignKey(["namespace_id"], references: "metadef_namespaces", ["id"]),
                         ForeignKey(["resource_type_id"], references: "metadef_resource_types", ["id"])])),
        .createIndex(Index("ix_metadef_ns_res_types_namespace_id", on: "metadef_namespace_resource_types", ["namespace_id"])),

        .createTable(Table("metadef_objects", columns: [
            Column("id", .integer, nullable: false),
            Column("namespace_id", .integer, nullable: false),
            Column("name", .varchar(80), nullable: false),
            Column("description", .text),
            Column("required", .text),
            Column("json_schema", .text, nullable: false),
        ] + metadefTimestampColumns(), primaryKey: ["id"],
           foreignKeys: [ForeignKey(["namespace_id"], references: "metadef_namespaces", ["id"])],
           uniqueConstraints: [UniqueConstraint("uq_metadef_objects_namespace_id_name", ["namespace_id", "name"])])),
        .createIndex(Index("ix_metadef_objects_name", on: "metadef_objects", ["name"])),

        .createTable(Table("metadef_properties", columns: [
            Column("id", .integer, nullable: false),
            Column("namespace_id", .integer, nullable: false),
            Column("name", .varchar(80), nullable: false),
            Column("json_schema", .text, nullable: false),
        ] + metadefTimestampColumns(), primaryKey: ["id"],
           foreignKeys: [ForeignKey(["namespace_id"], references: "metadef_namespaces", ["id"])],
           uniqueConstraints: [UniqueConstraint("uq_metadef_properties_namespace_id_name", ["namespace_id", "name"])])),
        .createIndex(Index("ix_metadef_properties_name", on: "metadef_properties", ["name"])),

        .createTable(Table("metadef_tags", columns: [
            Column("id", .integer, nullable: false),
            Column("namespace_id", .integer, nullable: false),
            Column("name", .varchar(80), nullable: false),
        ] + metadefTimestampColumns(), primaryKey: ["id"],
           foreignKeys: [ForeignKey(["namespace_id"], references: "metadef_namespaces", ["id"])],
           uniqueConstraints: [UniqueConstraint("uq_metadef_tags_namespace_id_name", ["namespace_id", "name"])])),
        .createIndex(Index("ix_metadef_tags_name", on: "metadef_tags", ["name"])),
    ]
}
