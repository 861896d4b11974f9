import DatabaseCore
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
        },
        // MySQL: the uniques are gone since 039/040, so each table is one statement: the foreign key is dropped
        // by its reflected name, the bad index goes, the key comes back as `<table>_fk_1` and the unique
        // constraint is reinstalled (no index is ever missing for the key in between).
        mysql: duplicateRenames042MySQL + uniques042.map { table, columns in
            let badIndex = indexDrops042Names.filter { $0.table == table }.map { TableAlteration.dropIndex($0.index) }
            let hasKey = foreignKeyTables042.contains(table)
            return .alterTable(table, (hasKey ? [.dropForeignKey(namespaceForeignKey)] : []) + badIndex
                + (hasKey ? [foreignKeyRenames042(table)[1]] : []) + [namedUnique042(table, columns)])
        } + [.dropIndex(name: "ix_metadef_ns_res_types_res_type_id_ns_id", table: "metadef_namespace_resource_types")]),
        alembicRevision: "liberty",
        residue: PerDialect(sqlite: [], postgresql: [], mysql: foreignKeyTables042.sorted().map { table in
            Residue(table, because: "042 renames the namespace foreign key to \(table)_fk_1; liberty's keeps "
                        + "InnoDB's name \(table)_ibfk_1")
        }))

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

    static let indexDrops042Names: [(table: String, index: String)] = [
        ("metadef_objects", "ix_metadef_objects_namespace_id"),
        ("metadef_properties", "ix_metadef_properties_namespace_id"),
        ("metadef_tags", "ix_metadef_tags_namespace_id"), ("metadef_namespaces", "ix_metadef_namespaces_namespace"),
        ("metadef_resource_types", "ix_metadef_resource_types_name"),
        ("metadef_namespace_resource_types", "ix_metadef_ns_res_types_res_type_id_ns_id"),
    ]
    static let indexDrops042: [Operation] = indexDrops042Names.map { .dropIndex(name: $0.index, table: $0.table) }

    /// `duplicateRenames042` in MySQL's spelling: `CONCAT`, the kept ids through a derived table (MySQL refuses a
    /// subquery on the table an UPDATE changes), and `display_name` assigned before `namespace`, since MySQL
    /// evaluates SET left to right with the values already changed.
    static let duplicateRenames042MySQL: [Operation] = [
        .sql("""
            UPDATE metadef_namespaces SET display_name = CONCAT(namespace, '-DUPL-', id), \
            namespace = CONCAT(namespace, '-DUPL-', id) WHERE id NOT IN \
            (SELECT id FROM (SELECT MIN(id) AS id FROM metadef_namespaces GROUP BY namespace) AS kept)
            """),
        .sql("""
            UPDATE metadef_resource_types SET name = CONCAT(name, '-DUPL-', id) WHERE id NOT IN \
            (SELECT id FROM (SELECT MIN(id) AS id FROM metadef_resource_types GROUP BY name) AS kept)
            """),
    ] + ["metadef_objects", "metadef_properties", "metadef_tags"].map { table in
        .sql("""
            UPDATE \(table) SET name = CONCAT(name, '-DUPL-', id) WHERE id NOT IN \
            (SELECT id FROM (SELECT MIN(id) AS id FROM \(table) GROUP BY namespace_id, name) AS kept)
            """)
    }

    /// Every row but the lowest id of a duplicate group gets `-DUPL-<id>` appended, as 042 did.
    static let duplicateRenames042: [Operation] = [
        .sql("UPDATE metadef_namespaces SET namespace = namespace || '-DUPL-' || CAST(id AS VARCHAR(20)), display_name = namespace || '-DUPL-' || CAST(id AS VARCHAR(20)) WHERE id NOT IN (SELECT MIN(id) FROM metadef_namespaces GROUP BY namespace)"),
        .sql("UPDATE metadef_resource_types SET name = name || '-DUPL-' || CAST(id AS VARCHAR(20)) WHERE id NOT IN (SELECT MIN(id) FROM metadef_resource_types GROUP BY name)"),
    ] + ["metadef_objects", "metadef_properties", "metadef_tags"].map { table in
        .sql("UPDATE \(table) SET name = name || '-DUPL-' || CAST(id AS VARCHAR(20)) WHERE id NOT IN (SELECT MIN(id) FROM \(table) GROUP BY namespace_id, name)")
    }
}
