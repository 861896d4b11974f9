import DatabaseCore

/// SQLite rendering, as SQLAlchemy/Alembic emit it for Glance: Boolean columns of CREATE TABLE carry a
/// `CHECK (col IN (0, 1))`, enums become `VARCHAR(longest value)`, and what ALTER TABLE cannot do is a
/// single table rebuild per `alterTable`.
public struct SQLiteRenderer: SQLRenderer {
    public let dialect = Dialect.sqlite
    public init() {}

    public func statements(for operation: Operation, tableShape: (String) throws -> TableSchema?) throws -> [String] {
        try steps(for: operation, tableShape: tableShape).map(\.sql)
    }

    /// A rebuild's copy of the rows is a `RowCopy` (in rowid ranges on a live run); all else is plain statements.
    public func steps(for operation: Operation,
                      tableShape: (String) throws -> TableSchema?) throws -> [RenderedStep] {
        switch operation {
        case .alterTable(let name, let alterations):
            guard let shape = try tableShape(name) else { throw RenderError.missingTable(name) }
            return try rebuild(shape, alterations)
        case .recreateTable(let name, let alterations):
            guard let shape = try tableShape(name) else { throw RenderError.missingTable(name) }
            return try rebuild(shape, alterations, keepingChecks: true)
        default:
            return try plainStatements(for: operation, tableShape: tableShape).map(RenderedStep.statement)
        }
    }

    private func plainStatements(for operation: Operation,
                                 tableShape: (String) throws -> TableSchema?) throws -> [String] {
        switch operation {
        case .createEnum, .dropEnum:
            return [] // SQLite has no enum types; the column type carries the length.
        case .createTable(let table):
            let checks = table.columns.filter(\.createsCheck).map { "\(q($0.name)) IN (0, 1)" }
            return [createTable(table, columnSQL: columnSQL, checks: checks)]
        case .dropTable(let name):
            return ["DROP TABLE \(q(name))"]
        case .addColumn(let table, let column):
            return ["ALTER TABLE \(q(table)) ADD COLUMN \(columnSQL(column))"]
        case .createIndex(let index):
            return [createIndex(index)]
        case .dropIndex(let name, _):
            return ["DROP INDEX \(q(name))"]
        case .alterTable, .recreateTable:
            preconditionFailure("steps(for:tableShape:) renders rebuilds")
        case .renameColumn(let table, let from, let to):
            return ["ALTER TABLE \(q(table)) RENAME COLUMN \(q(from)) TO \(q(to))"]
        case .renameIndex(let table, let from, let to):
            // SQLite has no ALTER INDEX: the index is recreated under its new name.
            guard let shape = try tableShape(table) else { throw RenderError.missingTable(table) }
            guard let index = shape.indexes.first(where: { $0.name == from }) else {
                throw RenderError.missingIndex(table: table, name: from)
            }
            return ["DROP INDEX \(q(from))", createIndex(Index(to, on: table, index.columns, unique: index.isUnique))]
        case .createTrigger(let trigger):
            return trigger.statements
        case .dropTrigger(let name, _):
            return ["DROP TRIGGER IF EXISTS \(q(name))"]
        case .sql(let text):
            return [text]
        }
    }

    public func introspectedType(_ type: ColumnType) -> String { typeSQL(type) }

    public func implicitChecks(of table: Table) -> [String] {
        table.columns.filter(\.createsCheck).map { "\($0.name) IN (0, 1)" }
    }

    public func implicitUniqueName(table: String, columns: [String]) -> String? { nil }

    public var alterationRebuildsTable: Bool { true }

    public var keepsUniqueOnPrimaryKey: Bool { false }

    public func typeSQL(_ type: ColumnType) -> String {
        switch type {
        case .varchar(let n): return "VARCHAR(\(n))"
        case .text: return "TEXT"
        case .integer, .bigintSQLiteInteger: return "INTEGER"
        case .bigint: return "BIGINT"
        case .boolean: return "BOOLEAN"
        case .datetime: return "DATETIME"
        case .numeric: return "NUMERIC"
        case .binary: return "BLOB"
        case .enumeration(let e): return "VARCHAR(\(e.values.map(\.count).max() ?? 1))"
        }
    }

    func defaultSQL(_ value: String) -> String {
        switch value {
        case "false": return "0"
        case "true": return "1"
        default: return value
        }
    }

    func columnSQL(_ column: Column) -> String {
        var sql = "\(q(column.name)) \(typeSQL(column.type))"
        if let d = column.serverDefault { sql += " DEFAULT \(defaultSQL(d))" }
        if !column.isNullable { sql += " NOT NULL" }
        return sql
    }

    /// Whether an alteration only removes a constraint (a column becoming nullable, same type and default).
    func isRelaxation(_ alteration: TableAlteration, in shape: TableSchema) -> Bool {
        guard case .alterColumn(let name, let nullable, .keep, let type) = alteration,
              let column = shape.column(name) else { return false }
        return nullable != false && column.type == typeSQL(type)
    }

    /// Removing NOT NULL and CHECK constraints without copying the table, by SQLite's documented
    /// "simpler procedure" for exactly those changes (ALTER TABLE documentation, section 7): rewrite the
    /// table's CREATE text in `sqlite_schema` under `writable_schema`, then reset this connection's schema
    /// and change the schema cookie (a throw-away CREATE/DROP) so other connections reload it too. Data
    /// and indexes are untouched, so this is O(1) where a rebuild copies every row; the resulting schema is
    /// the one the rebuild would give (no CHECKs, as with Alembic's batch mode). Inside the revision's
    /// transaction, so a rollback restores the old text.
    func relaxInPlace(_ table: String, definition lines: [String]) -> [String] {
        // The text a rebuild leaves: SQLite's RENAME TO always writes the new name double-quoted.
        let create = "CREATE TABLE \(dialect.quote(table)) (\n\t" + lines.joined(separator: ", \n\t") + "\n)"
        let bump = q("_glance_bridge_schema_cookie")
        return [
            "PRAGMA writable_schema = ON",
            "UPDATE sqlite_schema SET sql = \(dialect.literal(create)) WHERE type = 'table' AND name = \(dialect.literal(table))",
            "PRAGMA writable_schema = OFF",
            "PRAGMA writable_schema = RESET",
            "CREATE TABLE \(bump) (x)",
            "DROP TABLE \(bump)",
        ]
    }

    /// SQLite's documented procedure for schema changes ALTER TABLE cannot make ("Making Other Kinds Of
    /// Table Schema Changes", steps 4-10), the same "move and copy" Alembic's batch mode performs:
    /// create the new table under a temporary name, copy the rows with one INSERT … SELECT (which a live
    /// run makes in rowid ranges, `rowCopy(from:into:columns:)`), drop the old table, rename the new one,
    /// recreate the indexes. Foreign-key enforcement is off on our connections,
    /// so dropping the referenced table does not touch child rows. Like Alembic's batch mode, unnamed CHECK
    /// constraints are not carried over, which is what Glance's own SQLite schema shows after the rebuild,
    /// and neither are triggers (DROP TABLE drops them): a revision creates its triggers after a rebuild.
    ///
    /// `keepingChecks` is sqlalchemy-migrate's rebuild (`Operation.recreateTable`): the table's CHECKs are
    /// written into the new table, except those on dropped columns.
    func rebuild(_ shape: TableSchema, _ alterations: [TableAlteration],
                 keepingChecks: Bool = false) throws -> [RenderedStep] {
        var columns = shape.columns
        var indexes = shape.indexes
        var primaryKey = shape.primaryKey
        var uniques = shape.uniqueConstraints.map { UniqueConstraint($0.name, $0.columns) }
        var foreignKeys = shape.foreignKeys.map {
            ForeignKey($0.columns, references: $0.referencedTable, $0.referencedColumns)
        }
        var checks: [(expression: String, name: String?)] = keepingChecks ? shape.checks.map { ($0, nil) } : []
        func columnIndex(_ name: String) throws -> Int {
            guard let i = columns.firstIndex(where: { $0.name == name }) else {
                throw RenderError.missingColumn(table: shape.name, column: name)
            }
            return i
        }
        for alteration in alterations {
            switch alteration {
            case .dropColumn(let name):
                columns.remove(at: try columnIndex(name))
                primaryKey.removeAll { $0 == name }
                indexes.removeAll { $0.columns.contains(name) }
                uniques.removeAll { $0.columns.contains(name) }
                foreignKeys.removeAll { $0.columns.contains(name) }
                checks.removeAll { checkExpression($0.expression, mentions: name) }
            case .dropIndex(let name):
                indexes.removeAll { $0.name == name }
            case .alterColumn(let name, let nullable, let defaultChange, let type):
                let i = try columnIndex(name)
                columns[i].type = typeSQL(type)
                if let nullable { columns[i].isNullable = nullable }
                switch defaultChange {
                case .keep: break
                case .drop: columns[i].defaultValue = nil
                case .set(let value): columns[i].defaultValue = defaultSQL(value)
                }
            case .changeType(let name, let type):
                columns[try columnIndex(name)].type = typeSQL(type)
            case .addUniqueConstraint(let unique):
                uniques.append(unique)
            case .dropUniqueConstraint(let names):
                guard uniques.contains(where: { $0.columns == names }) else {
                    throw RenderError.missingConstraint(table: shape.name, columns: names)
                }
                uniques.removeAll { $0.columns == names }
            case .addForeignKey(let foreignKey):
                foreignKeys.append(foreignKey)
            case .dropForeignKey(let foreignKey):
                foreignKeys.removeAll { $0.columns == foreignKey.columns }
            case .addCheck(let expression, let name):
                checks.append((expression, name))
            case .addIndex(let index):
                indexes.append(IndexSchema(name: index.name, columns: index.columns, isUnique: index.isUnique))
            }
        }
        let temporary = "_alembic_tmp_" + shape.name
        var lines = columns.map { column -> String in
            var sql = "\(q(column.name)) \(column.type)"
            if let d = column.defaultValue { sql += " DEFAULT \(d)" }
            if !column.isNullable { sql += " NOT NULL" }
            return sql
        }
        lines.append("PRIMARY KEY (\(qList(primaryKey)))")
        lines += foreignKeys.map(foreignKeySQL)
        lines += uniques.map(uniqueSQL)
        lines += checks.map { checkSQL($0.expression, name: $0.name) }
        if !keepingChecks, alterations.allSatisfy({ isRelaxation($0, in: shape) }) {
            return relaxInPlace(shape.name, definition: lines).map(RenderedStep.statement)
        }
        // DROP TABLE removes the old indexes, which frees their names for step 10.
        var statements: [RenderedStep] = [
            .statement("CREATE TABLE \(q(temporary)) (\n\t" + lines.joined(separator: ", \n\t") + "\n)"),
            .rowCopy(rowCopy(from: shape, into: temporary, columns: columns.map(\.name))),
            .statement("DROP TABLE \(q(shape.name))"),
            .statement("ALTER TABLE \(q(temporary)) RENAME TO \(q(shape.name))"),
        ]
        statements += indexes.map {
            .statement(createIndex(Index($0.name, on: shape.name, $0.columns, unique: $0.isUnique)))
        }
        return statements
    }

    /// Step 5, the copy of the rows: one INSERT … SELECT, which a live run makes in rowid ranges (a range
    /// is a seek in the table's b-tree, so the ranges together read what the one statement reads). The key
    /// is the rowid under a name no column takes (a column named `rowid` hides it); a WITHOUT ROWID table
    /// has none, so it is copied by the one statement (the test is on the stored CREATE text: a table whose
    /// text merely mentions both words is copied whole too, which is only less progress).
    func rowCopy(from shape: TableSchema, into temporary: String, columns: [String]) -> RowCopy {
        let names = qList(columns)
        let copy = "INSERT INTO \(q(temporary)) (\(names)) SELECT \(names) FROM \(q(shape.name))"
        let taken = Set(shape.columns.map { $0.name.lowercased() })
        // Every alias of the rowid a column: nothing to split on.
        guard let key = ["rowid", "_rowid_", "oid"].first(where: { !taken.contains($0) }) else {
            return RowCopy(table: shape.name, statement: copy, ranges: nil)
        }
        let table = q(shape.name)
        return RowCopy(table: shape.name, statement: copy, ranges: RowCopy.KeyRanges(
            keyedQuery: "SELECT COUNT(*) = 0 AS keyed FROM sqlite_master WHERE type = 'table' AND name = "
                + "\(dialect.literal(shape.name)) AND sql LIKE '%WITHOUT%ROWID%'",
            boundsQuery: "SELECT (SELECT COUNT(*) FROM \(table)) AS n, (SELECT MIN(\(key)) FROM \(table)) AS low, "
                + "(SELECT MAX(\(key)) FROM \(table)) AS high",
            rangeStatement: copy + " WHERE \(key) BETWEEN ? AND ?"))
    }
}
