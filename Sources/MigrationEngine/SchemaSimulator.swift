import DatabaseCore

/// Applies operations to a `Schema` value instead of a database: the schema a revision leaves behind,
/// computed without connecting. It mirrors what each renderer's SQL does to a real database as seen
/// through the drivers' introspection (the walk test checks the two agree after every revision), so
/// fingerprints of every revision can be known offline.
public struct SchemaSimulator: Sendable {
    public let dialect: Dialect
    /// What the dialect's SQL leaves in the catalog comes from its renderer.
    private let renderer: any SQLRenderer

    public init(dialect: Dialect) {
        self.dialect = dialect
        self.renderer = MigrationEngine.renderer(for: dialect)
    }

    /// The schema after applying the given revisions in order, from `start`.
    public func schema(applying revisions: [Revision], to start: Schema = Schema(), options: UpgradeOptions = []) -> Schema {
        var schema = start
        for revision in revisions {
            for operation in revision.operations(for: dialect, options: options) { apply(operation, to: &schema) }
        }
        return schema
    }

    /// The schema at `target` of `map`, from an empty database (version table excluded).
    public func schema(at target: [String], in map: RevisionMap, options: UpgradeOptions = []) -> Schema {
        schema(applying: map.upgradePlan(from: [], to: target), options: options)
    }

    public func apply(_ operation: Operation, to schema: inout Schema) {
        var tables = Dictionary(uniqueKeysWithValues: schema.tables.map { ($0.name, $0) })
        var enums = schema.enumTypes
        var triggers = schema.triggers
        switch operation {
        case .createEnum(let e):
            if dialect.hasNamedEnumTypes { enums.append(EnumTypeSchema(name: e.name, values: e.values)) }
        case .dropEnum(let e):
            enums.removeAll { $0.name == e.name }
        case .createTable(let table):
            tables[table.name] = tableSchema(table)
        case .dropTable(let name):
            tables[name] = nil
            triggers.removeAll { $0.table == name } // DROP TABLE drops the table's triggers on both dialects.
        case .addColumn(let tableName, let column):
            tables[tableName]?.columns.append(columnSchema(column, serial: false))
        case .createIndex(let index):
            tables[index.table]?.indexes.append(IndexSchema(name: index.name, columns: index.columns, isUnique: index.isUnique))
        case .dropIndex(let name, let tableName):
            tables[tableName]?.indexes.removeAll { $0.name == name }
        case .alterTable(let tableName, let alterations):
            guard var table = tables[tableName] else { break }
            for alteration in alterations { alter(&table, alteration) }
            if renderer.alterationRebuildsTable {
                table.checks = []
                triggers.removeAll { $0.table == tableName }
            }
            tables[tableName] = table
        case .createTrigger(let trigger):
            triggers.append(renderer.introspectedTrigger(trigger))
        case .dropTrigger(let name, let tableName):
            triggers.removeAll { $0.name == name && $0.table == tableName }
        case .sql:
            break // data only
        }
        for name in operation.tableNames where tables[name] != nil { renderer.settle(&tables[name]!, after: operation) }
        schema = Schema(tables: tables.values.map(normalised), enumTypes: enums, triggers: triggers)
    }

    private func alter(_ table: inout TableSchema, _ alteration: TableAlteration) {
        switch alteration {
        case .dropColumn(let name):
            table.columns.removeAll { $0.name == name }
            table.primaryKey.removeAll { $0 == name }
            table.indexes.removeAll { $0.columns.contains(name) }
            table.uniqueConstraints.removeAll { $0.columns.contains(name) }
            table.foreignKeys.removeAll { $0.columns.contains(name) }
        case .dropIndex(let name):
            table.indexes.removeAll { $0.name == name }
        case .alterColumn(let name, let nullable, let defaultChange, let type):
            guard let i = table.columns.firstIndex(where: { $0.name == name }) else { return }
            table.columns[i].type = typeName(type)
            if let nullable { table.columns[i].isNullable = nullable }
            switch defaultChange {
            case .keep: break
            case .drop: table.columns[i].defaultValue = nil
            case .set(let value): table.columns[i].defaultValue = defaultText(value)
            }
        }
    }

    private func tableSchema(_ table: Table) -> TableSchema {
        let serial = table.autoincrement && table.primaryKey.count == 1 ? table.primaryKey.first : nil
        let checks = renderer.implicitChecks(of: table)
        return TableSchema(
            name: table.name,
            columns: table.columns.map { columnSchema($0, serial: $0.name == serial) },
            primaryKey: table.primaryKey,
            uniqueConstraints: table.uniqueConstraints.map {
                UniqueConstraintSchema(name: $0.name ?? renderer.implicitUniqueName(table: table.name, columns: $0.columns),
                                       columns: $0.columns)
            },
            foreignKeys: table.foreignKeys.map {
                ForeignKeySchema(columns: $0.columns, referencedTable: $0.referencedTable, referencedColumns: $0.referencedColumns)
            },
            checks: checks)
    }

    private func columnSchema(_ column: Column, serial: Bool) -> ColumnSchema {
        ColumnSchema(name: column.name, type: typeName(column.type), isNullable: column.isNullable,
                     defaultValue: column.serverDefault.map(defaultText))
    }

    /// Type names as the drivers' introspection reports them.
    public func typeName(_ type: ColumnType) -> String { renderer.introspectedType(type) }

    /// Server defaults as introspection reports them: booleans as 0/1 on both dialects.
    func defaultText(_ value: String) -> String {
        switch value {
        case "false": return "0"
        case "true": return "1"
        default: return value
        }
    }

    private func normalised(_ table: TableSchema) -> TableSchema {
        TableSchema(name: table.name, columns: table.columns, primaryKey: table.primaryKey, indexes: table.indexes,
                    uniqueConstraints: table.uniqueConstraints, foreignKeys: table.foreignKeys, checks: table.checks,
                    checkNames: table.checkNames, options: table.options)
    }
}
