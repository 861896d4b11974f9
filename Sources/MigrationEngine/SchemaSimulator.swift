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
        case .alterTable(let tableName, let alterations), .recreateTable(let tableName, let alterations):
            guard var table = tables[tableName] else { break }
            // SQLite rebuilds the table: Alembic's batch mode (`alterTable`) carries no CHECK constraints over,
            // sqlalchemy-migrate's (`recreateTable`) keeps them; dropping the old table drops its triggers too.
            if renderer.alterationRebuildsTable, case .alterTable = operation { table.checks = [] }
            for alteration in alterations { alter(&table, alteration) }
            if renderer.alterationRebuildsTable { triggers.removeAll { $0.table == tableName } }
            tables[tableName] = table
        case .renameColumn(let tableName, let from, let to):
            func renamed(_ names: [String]) -> [String] { names.map { $0 == from ? to : $0 } }
            for (name, var table) in tables {
                if name == tableName {
                    for i in table.columns.indices where table.columns[i].name == from { table.columns[i].name = to }
                    table.primaryKey = renamed(table.primaryKey)
                    for i in table.indexes.indices { table.indexes[i].columns = renamed(table.indexes[i].columns) }
                    for i in table.uniqueConstraints.indices {
                        table.uniqueConstraints[i].columns = renamed(table.uniqueConstraints[i].columns)
                    }
                }
                for i in table.foreignKeys.indices {
                    if name == tableName { table.foreignKeys[i].columns = renamed(table.foreignKeys[i].columns) }
                    if table.foreignKeys[i].referencedTable == tableName {
                        table.foreignKeys[i].referencedColumns = renamed(table.foreignKeys[i].referencedColumns)
                    }
                }
                tables[name] = table
            }
        case .renameIndex(let tableName, let from, let to):
            guard var table = tables[tableName] else { break }
            for i in table.indexes.indices where table.indexes[i].name == from { table.indexes[i].name = to }
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
            table.checks.removeAll { checkExpression($0, mentions: name) }
        case .dropIndex(let name):
            table.indexes.removeAll { $0.name == name }
        case .changeType(let name, let type):
            for i in table.columns.indices where table.columns[i].name == name { table.columns[i].type = typeName(type) }
        case .addUniqueConstraint(let unique):
            table.uniqueConstraints.append(uniqueConstraintSchema(unique, table: table.name))
        case .dropUniqueConstraint(let columns):
            table.uniqueConstraints.removeAll { $0.columns == columns }
        case .addForeignKey(let fk):
            table.foreignKeys.append(ForeignKeySchema(columns: fk.columns, referencedTable: fk.referencedTable,
                                                      referencedColumns: fk.referencedColumns))
        case .dropForeignKey(let fk):
            table.foreignKeys.removeAll { $0.columns == fk.columns }
        case .addCheck(let expression, _):
            table.checks.append(expression)
        case .addIndex(let index):
            table.indexes.append(IndexSchema(name: index.name, columns: index.columns, isUnique: index.isUnique))
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
            uniqueConstraints: table.uniqueConstraints
                .filter { renderer.keepsUniqueOnPrimaryKey || $0.columns != table.primaryKey }
                .map { uniqueConstraintSchema($0, table: table.name) },
            foreignKeys: table.foreignKeys.map {
                ForeignKeySchema(columns: $0.columns, referencedTable: $0.referencedTable, referencedColumns: $0.referencedColumns)
            },
            checks: checks)
    }

    private func uniqueConstraintSchema(_ unique: UniqueConstraint, table: String) -> UniqueConstraintSchema {
        UniqueConstraintSchema(name: unique.name ?? renderer.implicitUniqueName(table: table, columns: unique.columns),
                               columns: unique.columns)
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
