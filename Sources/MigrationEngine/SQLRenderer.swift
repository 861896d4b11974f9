import DatabaseCore

/// Turns operations into SQL statements for one dialect. Rendering is pure except for SQLite table
/// rebuilds, which need the live shape of the table: that comes from `tableShape`.
public protocol SQLRenderer: Sendable {
    var dialect: Dialect { get }
    func statements(for operation: Operation, tableShape: (String) throws -> TableSchema?) throws -> [String]
    /// The same statements as steps for a live run, where a copy of a table's rows may be a `RowCopy` the
    /// runner makes in key ranges. Default: each statement as it is.
    func steps(for operation: Operation, tableShape: (String) throws -> TableSchema?) throws -> [RenderedStep]
    /// An identifier as this dialect's SQLAlchemy compiler writes it into DDL; always safe to paste into SQL.
    func identifier(_ name: String) -> String

    // What the rendered SQL leaves in the catalog, as this dialect's driver introspects it. The
    // `SchemaSimulator` asks these instead of the dialect, and the walk tests prove them against a live
    // database after every revision.

    /// How introspection spells a column of `type`.
    func introspectedType(_ type: ColumnType) -> String
    /// The CHECK constraints CREATE TABLE adds by itself, as introspection spells them.
    func implicitChecks(of table: Table) -> [String]
    /// The name the database gives an unnamed UNIQUE constraint; nil where it stays unnamed.
    func implicitUniqueName(table: String, columns: [String]) -> String?
    /// Whether CREATE TABLE keeps a UNIQUE on exactly the primary key's columns as a constraint of its own
    /// (SQLite and PostgreSQL treat it as redundant and create none; legacy 035 declares one).
    var keepsUniqueOnPrimaryKey: Bool { get }
    /// Whether `alterTable` rebuilds the table, which (as Alembic's batch mode) carries no unnamed CHECK
    /// over and drops the table's triggers with the old table.
    var alterationRebuildsTable: Bool { get }
    /// Whether the database copies every row of the table to make `alteration` (where the rest of its
    /// `alterTable` would not): what makes an alteration that a later revision of the same run erases worth
    /// leaving out (`Migrator.fusedStep`). Default: no.
    func alterationCopiesRows(_ alteration: TableAlteration) -> Bool
    /// What the database changes in `table` by itself once an operation on it has run (MySQL: indexes for
    /// foreign keys, CHECKs that leave with their column). Default: nothing.
    func settle(_ table: inout TableSchema, after operation: Operation)
    /// A created trigger as introspection reports it. Default: its name and table.
    func introspectedTrigger(_ trigger: Trigger) -> TriggerSchema
}

extension SQLRenderer {
    public func steps(for operation: Operation,
                      tableShape: (String) throws -> TableSchema?) throws -> [RenderedStep] {
        try statements(for: operation, tableShape: tableShape).map(RenderedStep.statement)
    }

    public func settle(_ table: inout TableSchema, after operation: Operation) {}
    public func alterationCopiesRows(_ alteration: TableAlteration) -> Bool { false }
    public func introspectedTrigger(_ trigger: Trigger) -> TriggerSchema {
        TriggerSchema(name: trigger.name, table: trigger.table)
    }
}

public enum RenderError: Error, CustomStringConvertible, Equatable {
    case missingTable(String)
    case missingColumn(table: String, column: String)
    case missingConstraint(table: String, columns: [String])
    case missingIndex(table: String, name: String)

    public var description: String {
        switch self {
        case .missingTable(let t): return "cannot alter table \(t): it does not exist"
        case .missingColumn(let t, let c): return "cannot alter column \(t).\(c): it does not exist"
        case .missingConstraint(let t, let c):
            return "cannot drop the unique constraint of \(t) on (\(c.joined(separator: ", "))): it does not exist"
        case .missingIndex(let t, let i): return "cannot rename index \(i) of \(t): it does not exist"
        }
    }
}

public func renderer(for dialect: Dialect) -> any SQLRenderer {
    switch dialect {
    case .sqlite: return SQLiteRenderer()
    case .postgresql: return PostgresRenderer()
    case .mysql: return MySQLRenderer()
    }
}


/// What both renderers share: CREATE TABLE layout in SQLAlchemy's order (columns, primary key, foreign keys,
/// unique constraints, checks) and index statements.
extension SQLRenderer {
    /// Quoting every identifier is always safe; a renderer whose stored DDL text matters says otherwise.
    public func identifier(_ name: String) -> String { dialect.quote(name) }
    func q(_ name: String) -> String { identifier(name) }
    func qList(_ names: [String]) -> String { names.map(q).joined(separator: ", ") }

    func createTable(_ table: Table, columnSQL: (Column) -> String, checks: [String]) -> String {
        var lines = table.columns.map(columnSQL)
        lines.append("PRIMARY KEY (\(qList(table.primaryKey)))")
        lines += table.foreignKeys.map(foreignKeySQL)
        lines += table.uniqueConstraints.map(uniqueSQL)
        lines.append(contentsOf: checks.map { "CHECK (\($0))" })
        return "CREATE TABLE \(q(table.name)) (\n\t" + lines.joined(separator: ", \n\t") + "\n)"
    }

    func foreignKeySQL(_ fk: ForeignKey) -> String {
        (fk.name.map { "CONSTRAINT \(q($0)) " } ?? "")
            + "FOREIGN KEY(\(qList(fk.columns))) REFERENCES \(q(fk.referencedTable)) (\(qList(fk.referencedColumns)))"
    }

    func uniqueSQL(_ unique: UniqueConstraint) -> String {
        (unique.name.map { "CONSTRAINT \(q($0)) " } ?? "") + "UNIQUE (\(qList(unique.columns)))"
    }

    func checkSQL(_ expression: String, name: String?) -> String {
        (name.map { "CONSTRAINT \(q($0)) " } ?? "") + "CHECK (\(expression))"
    }

    func createIndex(_ index: Index) -> String {
        "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(q(index.name)) ON \(q(index.table)) (\(qList(index.columns)))"
    }
}
