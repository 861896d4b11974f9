import MigrationEngine

extension LegacyScripts {
    /// `042_add_changes_to_reinstall_unique_metadef_constraints.py`: renames duplicate metadef rows (`<name>-DUPL-<id>`, keeping the lowest id) and reinstalls the unique constraints with the models' names; the foreign keys become `*_fk_1`. On SQLite duplicates cannot exist (the constraints were never dropped), so the data step changes nothing there.
    static let v042 = LegacyScript(42, "add_changes_to_reinstall_unique_metadef_constraints", .perDialect(
        sqlite: duplicateRenames042 + sqliteRebuild("metadef_namespaces", create: """
            id INTEGER NOT NULL, namespace VARCHAR(80) NOT NULL, display_name VARCHAR(80), description TEXT, visibility VARCHAR(32), \
            protected BOOLEAN, owner VARCHAR(255) NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME, PRIMARY KEY (id), \
            CHECK (protected IN (0, 1)), CONSTRAINT uq_metadef_namespaces_namespace UNIQUE (namespace)
            """, columns: ["id", "namespace", "display_name", "description", "visibility", "protected", "owner", "created_at", "updated_at"],
            indexes: ["CREATE INDEX ix_metadef_namespaces_owner ON metadef_namespaces (owner)"])
            + sqliteRebuild("metadef_resource_types", create: """
            id INTEGER NOT NULL, name VARCHAR(80) NOT NULL, protected BOOLEAN NOT NULL, created_at DATETIME NOT NULL, \
            updated_at DATETIME, PRIMARY KEY (id), CHECK (protected IN (0, 1)), CONSTRAINT uq_metadef_resource_types_name UNIQUE (name)
            """, columns: ["id", "name", "protected", "created_at", "updated_at"])
            + sqliteRebuild("metadef_objects", create: """
            id INTEGER NOT NULL, namespace_id INTEGER NOT NULL, name VARCHAR(80) NOT NULL, description TEXT, required TEXT, \
            json_schema TEXT NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME, PRIMARY KEY (id), \
            CONSTRAINT uq_metadef_objects_namespace_id_name UNIQUE (namespace_id, name), \
            CONSTRAINT metadef_objects_fk_1 FOREIGN KEY(namespace_id) REFERENCES metadef_namespaces (id)
            """, columns: ["id", "namespace_id", "name", "description", "required", "json_schema", "created_at", "updated_at"],
            indexes: ["CREATE INDEX ix_metadef_objects_name ON metadef_objects (name)"])
            + sqliteRebuild("metadef_properties", create: """
            id INTEGER NOT NULL, namespace_id INTEGER NOT NULL, name VARCHAR(80) NOT NULL, json_schema TEXT NOT NULL, \
            created_at DATETIME NOT NULL, updated_at DATETIME, PRIMARY KEY (id), \
            CONSTRAINT uq_metadef_properties_namespace_id_name UNIQUE (namespace_id, name), \
            CONSTRAINT metadef_properties_fk_1 FOREIGN KEY(namespace_id) REFERENCES metadef_namespaces (id)
            """, columns: ["id", "namespace_id", "name", "json_schema", "created_at", "updated_at"],
            indexes: ["CREATE INDEX ix_metadef_properties_name ON metadef_properties (name)"])
            + sqliteRebuild("metadef_tags", create: """
            id INTEGER NOT NULL, namespace_id INTEGER NOT NULL, name VARCHAR(80) NOT NULL, created_at DATETIME NOT NULL, \
            updated_at DATETIME, PRIMARY KEY (id), CONSTRAINT uq_metadef_tags_namespace_id_name UNIQUE (namespace_id, name), \
            CONSTRAINT metadef_tags_fk_1 FOREIGN KEY(namespace_id) REFERENCES metadef_namespaces (id)
            """, columns: ["id", "namespace_id", "name", "created_at", "updated_at"],
            indexes: ["CREATE INDEX ix_metadef_tags_name ON metadef_tags (name)"])
            + [.dropIndex(name: "ix_metadef_ns_res_types_res_type_id_ns_id", table: "metadef_namespace_resource_types")],
        postgresql: duplicateRenames042 + [
            .sql("ALTER TABLE metadef_objects DROP CONSTRAINT metadef_objects_namespace_id_fkey"),
            .sql("ALTER TABLE metadef_objects ADD CONSTRAINT metadef_objects_fk_1 FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)"),
            .sql("ALTER TABLE metadef_properties DROP CONSTRAINT metadef_properties_namespace_id_fkey"),
            .sql("ALTER TABLE metadef_properties ADD CONSTRAINT metadef_properties_fk_1 FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)"),
            .sql("ALTER TABLE metadef_tags DROP CONSTRAINT metadef_tags_namespace_id_fkey"),
            .sql("ALTER TABLE metadef_tags ADD CONSTRAINT metadef_tags_fk_1 FOREIGN KEY (namespace_id) REFERENCES metadef_namespaces (id)"),
            .sql("ALTER TABLE metadef_namespaces ADD CONSTRAINT uq_metadef_namespaces_namespace UNIQUE (namespace)"),
            .sql("ALTER TABLE metadef_objects ADD CONSTRAINT uq_metadef_objects_namespace_id_name UNIQUE (namespace_id, name)"),
            .sql("ALTER TABLE metadef_properties ADD CONSTRAINT uq_metadef_properties_namespace_id_name UNIQUE (namespace_id, name)"),
            .sql("ALTER TABLE metadef_tags ADD CONSTRAINT uq_metadef_tags_namespace_id_name UNIQUE (namespace_id, name)"),
            .sql("ALTER TABLE metadef_resource_types ADD CONSTRAINT uq_metadef_resource_types_name UNIQUE (name)"),
        ] + ["ix_metadef_objects_namespace_id", "ix_metadef_properties_namespace_id", "ix_metadef_tags_namespace_id",
             "ix_metadef_namespaces_namespace", "ix_metadef_resource_types_name", "ix_metadef_ns_res_types_res_type_id_ns_id"]
            .map { Operation.dropIndex(name: $0, table: "") }))

    /// Every row but the lowest id of a duplicate group gets `-DUPL-<id>` appended, as 042 did.
    static let duplicateRenames042: [Operation] = [
        .sql("UPDATE metadef_namespaces SET namespace = namespace || '-DUPL-' || CAST(id AS VARCHAR(20)), display_name = namespace || '-DUPL-' || CAST(id AS VARCHAR(20)) WHERE id NOT IN (SELECT MIN(id) FROM metadef_namespaces GROUP BY namespace)"),
        .sql("UPDATE metadef_resource_types SET name = name || '-DUPL-' || CAST(id AS VARCHAR(20)) WHERE id NOT IN (SELECT MIN(id) FROM metadef_resource_types GROUP BY name)"),
    ] + ["metadef_objects", "metadef_properties", "metadef_tags"].map { table in
        .sql("UPDATE \(table) SET name = name || '-DUPL-' || CAST(id AS VARCHAR(20)) WHERE id NOT IN (SELECT MIN(id) FROM \(table) GROUP BY namespace_id, name)")
    }
}
