import MigrationEngine

extension LegacyScripts {
    /// `039_add_changes_to_satisfy_models_metadef.py`: renames the metadef indexes to the models' names and adds the tags foreign key. PostgreSQL also loses every metadef unique constraint here (042 restores them, named); SQLite keeps them.
    static let v039 = LegacyScript(39, "add_changes_to_satisfy_models_metadef", .perDialect(
        sqlite: [
            .dropIndex(name: "ix_namespaces_namespace", table: "metadef_namespaces"),
            .dropIndex(name: "ix_objects_namespace_id_name", table: "metadef_objects"),
            .dropIndex(name: "ix_metadef_properties_namespace_id_name", table: "metadef_properties"),
        ] + sqliteRebuild("metadef_tags", create: """
            id INTEGER NOT NULL, namespace_id INTEGER NOT NULL, name VARCHAR(80) NOT NULL, created_at DATETIME NOT NULL, \
            updated_at DATETIME, PRIMARY KEY (id), UNIQUE (namespace_id, name), \
            FOREIGN KEY(namespace_id) REFERENCES metadef_namespaces (id)
            """, columns: ["id", "namespace_id", "name", "created_at", "updated_at"])
            + metadefIndexes039,
        postgresql: [
            .dropIndex(name: "ix_namespaces_namespace", table: "metadef_namespaces"),
            .dropIndex(name: "ix_objects_namespace_id_name", table: "metadef_objects"),
            .dropIndex(name: "ix_metadef_properties_namespace_id_name", table: "metadef_properties"),
            .dropIndex(name: "ix_tags_namespace_id_name", table: "metadef_tags"),
            .sql("ALTER TABLE metadef_tags ADD FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)"),
        ] + ["metadef_objects", "metadef_properties", "metadef_namespaces", "metadef_resource_types", "metadef_tags",
             "metadef_namespace_resource_types"].map(postgresDropUniqueConstraints)
            + metadefIndexes039))

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
