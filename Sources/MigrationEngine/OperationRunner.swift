import DatabaseCore

/// Renders operations and runs their statements in a write transaction: the one path by which revisions
/// and legacy scripts change a schema.
public struct OperationRunner {
    let renderer: any SQLRenderer
    let observer: MigrationObserver

    public init(renderer: any SQLRenderer, observer: MigrationObserver = MigrationObserver()) {
        self.renderer = renderer
        self.observer = observer
    }

    /// Runs `operations` in order. A rebuild's copy of a table's rows reports its progress to the observer
    /// where the renderer makes it in key ranges (`RowCopy`); offline SQL still sees the one statement.
    /// A table rebuild is checked for references it broke before the caller's
    /// transaction can commit (SQLite's documented procedure, step 10: `PRAGMA foreign_key_check`).
    ///
    /// Only references the rebuild breaks refuse it: SQLite databases that never enforced foreign keys can
    /// hold orphan rows from long ago, which a rebuild neither causes nor mends. The rebuild copies every row
    /// of the table, so rows elsewhere that reference it stay valid; what can break is the table's own
    /// references (a foreign key the rebuild adds, a column it changes).
    /// - Throws: `MigrationError.rebuildBrokeReferences`, the transaction then rolls back.
    public func run(_ operations: [Operation], in transaction: WriteTransaction) throws {
        let database = transaction.database
        // Read once, and only when an operation rewrites a table: nil off a cluster whose DDL blocks every node.
        let blocking = try operations.contains { $0.changedExistingTable != nil }
            ? database.clusterStatus().flatMap { $0.schemaChangesBlockEveryNode ? $0 : nil } : nil
        for operation in operations {
            if let blocking, let table = operation.changedExistingTable {
                try announceBlockingChange(of: table, blocking, in: database)
            }
            let rebuilt = renderer.alterationRebuildsTable ? operation.alteredTable : nil
            let before = try rebuilt.map(database.foreignKeyViolations) ?? []
            for step in try renderer.steps(for: operation, tableShape: database.introspectTable) {
                observer.statementExecuted(step.sql)
                switch step {
                case .statement(let sql):
                    try database.executeScript(sql)
                case .rowCopy(let copy):
                    try copy.run(on: database, chunk: observer.rowsPerProgressReport) {
                        observer.rowsCopied(copy.table, $0, $1)
                    }
                }
            }
            if let rebuilt {
                let broken = try database.foreignKeyViolations(in: rebuilt).subtracting(before)
                if !broken.isEmpty { throw MigrationError.rebuildBrokeReferences(table: rebuilt, broken.sorted()) }
            }
        }
    }

    /// Warns before a schema change of an existing table that holds at least `longSchemaChangeRows` rows.
    private func announceBlockingChange(of table: String, _ status: ClusterStatus, in database: any Database) throws {
        guard try database.tableExists(table) else { return }
        let rows = try database.query("SELECT COUNT(*) AS n FROM \(database.dialect.quote(table))")
            .first?["n"].intValue ?? 0
        if rows >= ClusterStatus.longSchemaChangeRows {
            observer.clusterBlocked(status.schemaChangeWarning(table: table, rows: Int(rows)))
        }
    }
}

extension Operation {
    /// The existing table whose rows a statement of this operation rewrites or scans (a column added or
    /// changed, an index built): what a cluster replicating DDL in total order is blocked for meanwhile.
    var changedExistingTable: String? {
        switch self {
        case .addColumn(let table, _), .alterTable(let table, _), .recreateTable(let table, _),
             .renameColumn(let table, _, _), .dropIndex(_, let table):
            return table
        case .createIndex(let index):
            return index.table
        default:
            return nil
        }
    }

    /// The table an `alterTable` or `recreateTable` changes: the ones a rebuild dialect recreates.
    var alteredTable: String? {
        switch self {
        case .alterTable(let table, _), .recreateTable(let table, _): return table
        default: return nil
        }
    }
}
