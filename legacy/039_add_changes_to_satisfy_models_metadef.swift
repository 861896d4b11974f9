import MigrationEngine

extension LegacyScripts {
    /// `039_add_changes_to_satisfy_models_metadef.py`: renames the metadef indexes to the models' names and adds
    /// the tags foreign key. PostgreSQL and MySQL also lose every metadef unique constraint here (042 restores
    /// them, named; MySQL's tags UNIQUE goes in 040); SQLite keeps them.
    /// (PostgreSQL never created 035's UNIQUE on metadef_namespace_resource_types: it equals the primary key.)
    static let v039 = LegacyScript(39, "add_changes_to_satisfy_models_metadef", .perDialect(
        sqlite: indexDrops039 + [
            .recreateTable("metadef_tags", [.addForeignKey(namespaceForeignKey),
                                            .dropIndex("ix_tags_namespace_id_name")]),
        ] + metadefIndexes039,
        postgresql: indexDrops039 + [
            .dropIndex(name: "ix_tags_namespace_id_name", table: "metadef_tags"),
            .alterTable("metadef_tags", [.addForeignKey(namespaceForeignKey)]),
        ] + [
            ("metadef_objects", ["namespace_id", "name"]), ("metadef_properties", ["namespace_id", "name"]),
            ("metadef_namespaces", ["namespace"]), ("metadef_resource_types", ["name"]),
            ("metadef_tags", ["namespace_id", "name"]),
        ].map { table, columns in Operation.alterTable(table, [.dropUniqueConstraint(columns: columns)]) }
            + metadefIndexes039,
        mysql: indexDrops039 + [
            // sqlalchemy-migrate names the tags key `<table>_<column>_fkey` (it stays until 042 renames it).
            .alterTable("metadef_tags", [.addForeignKey(ForeignKey(["namespace_id"], references: "metadef_namespaces",
                                                                   ["id"], name: "metadef_tags_namespace_id_fkey"))]),
            .dropIndex(name: "ix_tags_namespace_id_name", table: "metadef_tags"),
        ] + ["metadef_properties", "metadef_objects"].flatMap { table in
            // The UNIQUE MySQL named `namespace_id` serves the foreign key, so the key goes first and comes back
            // under its old name (InnoDB refuses dropping and re-adding one name in a single statement).
            let key = ForeignKey(["namespace_id"], references: "metadef_namespaces", ["id"], name: "\(table)_ibfk_1")
            return [Operation.alterTable(table, [.dropForeignKey(key), .dropIndex("namespace_id")]),
                    .alterTable(table, [.addForeignKey(key)])]
        } + [
            // The other unnamed UNIQUEs of 035, by the names MySQL gave them.
            .dropIndex(name: "resource_type_id", table: "metadef_namespace_resource_types"),
            .dropIndex(name: "namespace", table: "metadef_namespaces"),
            .dropIndex(name: "name", table: "metadef_resource_types"),
        ] + metadefIndexes039))

    static let namespaceForeignKey = ForeignKey(["namespace_id"], references: "metadef_namespaces", ["id"])

    static let indexDrops039: [Operation] = [
        .dropIndex(name: "ix_namespaces_namespace", table: "metadef_namespaces"),
        .dropIndex(name: "ix_objects_namespace_id_name", table: "metadef_objects"),
        .dropIndex(name: "ix_metadef_properties_namespace_id_name", table: "metadef_properties"),
    ]

    static let metadefIndexes039: [Operation] = [
        .createIndex(Index("ix_metadef_tags_name", on: "metadef_tags", ["name"])),
        .createIndex(Index("ix_metadef_tags_namespace_id", on: "metadef_tags", ["namespace_id", "name"])),
        .createIndex(Index("ix_metadef_ns_res_types_namespace_id", on: "metadef_namespace_resource_types", ["namespace_id"])),
        .createIndex(Index("ix_metadef_namespaces_namespace", on: "metadef_namespaces", ["namespace"])),
        .createIndex(Index("ix_metadef_namespaces_owner", on: "metadef_namespaces", ["owner"])),
        .createIndex(Index("ix_metadef_objects_name", on: "metadef_objects", ["name"])),
        .createIndex(Index("ix_metadef_objects_namespace_id", on: "metadef_objects", ["namespace_id"])),
        .createIndex(Index("ix_metadef_properties_name", on: "metadef_properties", ["name"])),
        .createIndex(Index("ix_metadef_properties_namespace_id", on: "metadef_properties", ["namespace_id"])),
    ]
}
