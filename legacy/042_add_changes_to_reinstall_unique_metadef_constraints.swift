import MigrationEngine

extension LegacyScripts {
    /// `042_add_changes_to_reinstall_unique_metadef_constraints.py`: renames duplicate metadef rows
    /// (`<name>-DUPL-<id>`, keeping the lowest id) and reinstalls the unique constraints with the models' names;
    /// the foreign keys become `*_fk_1`. On SQLite duplicates cannot exist (the constraints were never dropped),
    /// so the data step changes nothing there, and the tables are rebuilt keeping their CHECKs.
    static let v042 = LegacyScript(42, "add_changes_to_reinstall_unique_metadef_constraints", .perDialect(
        sqlite: duplicateRenames042 + indexDrops042 + uniques042.map { table, columns in
            .recreateTable(table, [.dropUniqueConstraint(columns: columns), namedUnique042(table, columns)]
                + (foreignKeyTables042.contains(table) ? foreignKeyRenames042(table) : []))
        },
        postgresql: duplicateRenames042 + indexDrops042 + uniques042.map { table, columns in
            .alterTable(table, [namedUnique042(table, columns)]
                + (foreignKeyTables042.contains(table) ? foreignKeyRenames042(table) : []))
        }),
        alembicRevision: "liberty")

    /// The constraints 042 names `uq_<table>_<columns>`.
    static let uniques042: [(String, [String])] = [
        ("metadef_namespaces", ["namespace"]), ("metadef_resource_types", ["name"]),
        ("metadef_objects", ["namespace_id", "name"]), ("metadef_properties", ["namespace_id", "name"]),
        ("metadef_tags", ["namespace_id", "name"]),
    ]
    static let foreignKeyTables042: Set<String> = ["metadef_objects", "metadef_properties", "metadef_tags"]

    static func namedUnique042(_ table: String, _ columns: [String]) -> TableAlteration {
        .addUniqueConstraint(UniqueConstraint("uq_\(table)_\(columns.joined(separator: "_"))", columns))
    }

    /// The namespace foreign key, dropped and added again as `<table>_fk_1`.
    static func foreignKeyRenames042(_ table: String) -> [TableAlteration] {
        [.dropForeignKey(namespaceForeignKey),
         .addForeignKey(ForeignKey(["namespace_id"], references: "metadef_namespaces", ["id"], name: "\(table)_fk_1"))]
    }

    static let indexDrops042: [Operation] = [
        ("metadef_objects", "ix_metadef_objects_namespace_id"),
        ("metadef_properties", "ix_metadef_properties_namespace_id"),
        ("metadef_tags", "ix_metadef_tags_namespace_id"), ("metadef_namespaces", "ix_metadef_namespaces_namespace"),
        ("metadef_resource_types", "ix_metadef_resource_types_name"),
        ("metadef_namespace_resource_types", "ix_metadef_ns_res_types_res_type_id_ns_id"),
    ].map { table, index in .dropIndex(name: index, table: table) }

    /// Every row but the lowest id of a duplicate group gets `-DUPL-<id>` appended, as 042 did.
    static let duplicateRenames042: [Operation] = [
        .sql("UPDATE metadef_namespaces SET namespace = namespace || '-DUPL-' || CAST(id AS VARCHAR(20)), display_name = namespace || '-DUPL-' || CAST(id AS VARCHAR(20)) WHERE id NOT IN (SELECT MIN(id) FROM metadef_namespaces GROUP BY namespace)"),
        .sql("UPDATE metadef_resource_types SET name = name || '-DUPL-' || CAST(id AS VARCHAR(20)) WHERE id NOT IN (SELECT MIN(id) FROM metadef_resource_types GROUP BY name)"),
    ] + ["metadef_objects", "metadef_properties", "metadef_tags"].map { table in
        .sql("UPDATE \(table) SET name = name || '-DUPL-' || CAST(id AS VARCHAR(20)) WHERE id NOT IN (SELECT MIN(id) FROM \(table) GROUP BY namespace_id, name)")
    }
}
