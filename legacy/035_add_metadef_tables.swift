import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `035_add_metadef_tables.py`: creates the five metadef tables with unnamed unique constraints and seeds
    /// five protected resource types (ids 1-5 from the empty table's sequence) stamped in naive UTC.
    static let v035 = LegacyScript(35, "add_metadef_tables", .allDialects([
        .createTable(Table("metadef_namespaces", columns: [
            Column("id", .integer, nullable: false),
            Column("namespace", .varchar(80), nullable: false),
            Column("display_name", .varchar(80)),
            Column("description", .text),
            Column("visibility", .varchar(32)),
            Column("protected", .boolean),
            Column("owner", .varchar(255), nullable: false),
            Column("created_at", .datetime, nullable: false),
            Column("updated_at", .datetime),
        ], primaryKey: ["id"], uniqueConstraints: [UniqueConstraint(nil, ["namespace"])])),
        .createIndex(Index("ix_namespaces_namespace", on: "metadef_namespaces", ["namespace"])),
        .createTable(Table("metadef_objects", columns: [
            Column("id", .integer, nullable: false),
            Column("namespace_id", .integer, nullable: false),
            Column("name", .varchar(80), nullable: false),
            Column("description", .text),
            Column("required", .text),
            Column("schema", .text, nullable: false),
            Column("created_at", .datetime, nullable: false),
            Column("updated_at", .datetime),
        ], primaryKey: ["id"], foreignKeys: [ForeignKey(["namespace_id"], references: "metadef_namespaces", ["id"])],
           uniqueConstraints: [UniqueConstraint(nil, ["namespace_id", "name"])])),
        .createIndex(Index("ix_objects_namespace_id_name", on: "metadef_objects", ["namespace_id", "name"])),
        .createTable(Table("metadef_properties", columns: [
            Column("id", .integer, nullable: false),
            Column("namespace_id", .integer, nullable: false),
            Column("name", .varchar(80), nullable: false),
            Column("schema", .text, nullable: false),
            Column("created_at", .datetime, nullable: false),
            Column("updated_at", .datetime),
        ], primaryKey: ["id"], foreignKeys: [ForeignKey(["namespace_id"], references: "metadef_namespaces", ["id"])],
           uniqueConstraints: [UniqueConstraint(nil, ["namespace_id", "name"])])),
        .createIndex(Index("ix_metadef_properties_namespace_id_name", on: "metadef_properties", ["namespace_id", "name"])),
        .createTable(Table("metadef_resource_types", columns: [
            Column("id", .integer, nullable: false),
            Column("name", .varchar(80), nullable: false),
            Column("protected", .boolean, nullable: false),
            Column("created_at", .datetime, nullable: false),
            Column("updated_at", .datetime),
        ], primaryKey: ["id"], uniqueConstraints: [UniqueConstraint(nil, ["name"])])),
        .createIndex(Index("ix_metadef_resource_types_name", on: "metadef_resource_types", ["name"])),
        .createTable(Table("metadef_namespace_resource_types", columns: [
            Column("resource_type_id", .integer, nullable: false),
            Column("namespace_id", .integer, nullable: false),
            Column("properties_target", .varchar(80)),
            Column("prefix", .varchar(80)),
            Column("created_at", .datetime, nullable: false),
            Column("updated_at", .datetime),
        ], primaryKey: ["resource_type_id", "namespace_id"],
           foreignKeys: [ForeignKey(["resource_type_id"], references: "metadef_resource_types", ["id"]),
                         ForeignKey(["namespace_id"], references: "metadef_namespaces", ["id"])],
           uniqueConstraints: [UniqueConstraint(nil, ["resource_type_id", "namespace_id"])])),
        .createIndex(Index("ix_metadef_ns_res_types_res_type_id_ns_id", on: "metadef_namespace_resource_types", ["resource_type_id", "namespace_id"])),
    ]), data: { database in
        try seedResourceTypes035(database)
    }, residue: PerDialect(sqlite: [], postgresql: [], mysql: [Residue("metadef_namespace_resource_types", because:
        "035 declares the resource-type key before the namespace key, so InnoDB numbers the two the other way "
            + "round from liberty (metadef_namespace_resource_types_ibfk_1 is resource_type_id)")]))

    @Sendable static func seedResourceTypes035(_ database: any Database) throws {
        // `_populate_resource_types`: one `timeutils.utcnow()` for all five rows, inserted one by one.
        let now = SQLValue.text(SQLTimestamp.now())
        for name in ["OS::Glance::Image", "OS::Cinder::Volume", "OS::Nova::Flavor", "OS::Nova::Aggregate",
                     "OS::Nova::Server"] {
            try database.execute("""
                INSERT INTO metadef_resource_types (name, protected, created_at, updated_at) VALUES (?, TRUE, ?, ?)
                """, [.text(name), now, now])
        }
    }
}
