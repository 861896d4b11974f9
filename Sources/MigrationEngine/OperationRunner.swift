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

    /// Runs `operations` in order. A table rebuild is checked for broken references before the caller's
    /// transaction can commit (SQLite's documented procedure, step 10: `PRAGMA foreign_key_check`).
    public func run(_ operations: [Operation], in transaction: WriteTransaction) throws {
        let database = transaction.database
        for operation in operations {
            for statement in try renderer.statements(for: operation, tableShape: database.introspectTable) {
                observer.statementExecuted(statement)
                try database.executeScript(statement)
            }
            if case .alterTable(let table, _) = operation, renderer.alterationRebuildsTable {
                try database.verifyForeignKeys(involving: table)
            }
        }
    }
}
