import MigrationEngine

extension LegacyScripts {
    /// `036_rename_metadef_schema_columns.py`: renames `schema` to `json_schema` in metadef objects and properties (rebuilds on SQLite).
    static let v036 = LegacyScript(36, "rename_metadef_schema_columns", .perDialect(
        sqlite: sqliteRebuild("metadef_objects", create: """
            id INTEGER NOT NULL, namespace_id INTEGER NOT NULL, name VARCHAR(80) NOT NULL, description TEXT, required TEXT, \
            json_schema TEXT NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME, PRIMARY KEY (id), \
            FOREIGN KEY(namespace_id) REFERENCES metadef_namespaces (id), UNIQUE (namespace_id, name)
            """, columns: ["id", "namespace_id", "name", "description", "required", "json_schema", "created_at", "updated_at"],
            select: ["id", "namespace_id", "name", "description", "required", "schema", "created_at", "updated_at"],
            indexes: ["CREATE INDEX ix_objects_namespace_id_name ON metadef_objects (namespace_id, name)"])
            + sqliteRebuild("metadef_properties", create: """
            id INTEGER NOT NULL, namespace_id INTEGER NOT NULL, name VARCHAR(80) NOT NULL, json_schema TEXT NOT NULL, \
            created_at DATETIME NOT NULL, updated_at DATETIME, PRIMARY KEY (id), \
            FOREIGN KEY(namespace_id) REFERENCES metadef_namespaces (id), UNIQUE (namespace_id, name)
            """, columns: ["id", "namespace_id", "name", "json_schema", "created_at", "updated_at"],
            select: ["id", "namespace_id", "name", "schema", "created_at", "updated_at"],
            indexes: ["CREATE INDEX ix_metadef_properties_namespace_id_name ON metadef_properties (namespace_id, name)"]),
        postgresql: [
            .sql("ALTER TABLE metadef_objects RENAME COLUMN schema TO json_schema"),
            .sql("ALTER TABLE metadef_properties RENAME COLUMN schema TO json_schema"),
        ]))
}
