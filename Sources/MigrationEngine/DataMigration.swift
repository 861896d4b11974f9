import DatabaseCore

/// A data migration as data: the query that says whether work is pending and the statements that do it.
/// Unlike Glance, whose `has_migrations` tests a SELECT's `rowcount` (always -1 on SQLite), the pending
/// check is an `EXISTS` query that answers on every dialect.
public struct DataMigration: Sendable, Hashable {
    public let id: String
    /// The migration only applies while this column exists (e.g. `images.is_public` between expand and
    /// contract); otherwise it is never pending.
    public let requiresColumn: (table: String, column: String)?
    /// A query whose single value is true (non-zero) when rows still need migrating.
    public let pendingQuery: String
    /// Statements run in order; their changed-row counts are summed.
    public let statements: [String]

    public init(id: String, requiresColumn: (table: String, column: String)? = nil, pendingQuery: String, statements: [String]) {
        self.id = id
        self.requiresColumn = requiresColumn
        self.pendingQuery = pendingQuery
        self.statements = statements
    }

    public static func == (a: DataMigration, b: DataMigration) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// Whether this migration has rows to change in `database`. Never writes.
    public func isPending(in database: any Database) throws -> Bool {
        if let requiresColumn {
            guard let table = try database.introspectTable(requiresColumn.table),
                  table.column(requiresColumn.column) != nil else { return false }
        }
        guard let value = try database.query(pendingQuery).first?.values.first else { return false }
        return value.boolValue ?? false
    }

    /// Runs the statements and returns the number of rows changed.
    public func run(in database: any Database) throws -> Int {
        var total = 0
        for statement in statements { total += try database.execute(statement) }
        return total
    }
}
