extension Operation {
    /// The tables the operation changes (none for enums and plain SQL).
    public var tableNames: [String] {
        switch self {
        case .createEnum, .dropEnum, .sql: return []
        case .createTable(let table): return [table.name]
        case .dropTable(let name): return [name]
        case .addColumn(let table, _): return [table]
        case .createIndex(let index): return [index.table]
        case .dropIndex(_, let table): return [table]
        case .alterTable(let table, _), .recreateTable(let table, _): return [table]
        case .renameColumn(let table, _, _), .renameIndex(let table, _, _): return [table]
        case .createTrigger(let trigger): return [trigger.table]
        case .dropTrigger(_, let table): return [table]
        }
    }
}
