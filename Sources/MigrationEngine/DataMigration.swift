import DatabaseCore

/// A data migration as data: the query that says whether work is pending and the statements that do it.
/// Unlike Glance, whose `has_migrations` tests a SELECT's `rowcount` (always -1 on SQLite), the pending
/// check is an `EXISTS` query that answers on every dialect.
///
/// A migration over a large table can also say how to split the work (`batching`): `run(in:batchSize:)`
/// then commits one batch at a time, so writers are never blocked for long and an interrupted run simply
/// continues with the rows still pending when it is started again.
public struct DataMigration: Sendable, Hashable {
    public let id: String
    /// The migration only applies while this column exists (e.g. `images.is_public` between expand and
    /// contract); otherwise it is never pending.
    public let requiresColumn: (table: String, column: String)?
    /// A query whose single value is true (non-zero) when rows still need migrating.
    public let pendingQuery: String
    /// Statements run in order; their changed-row counts are summed. Used where the migration runs inside
    /// another transaction (a revision that requires it) and for offline SQL.
    public let statements: [String]
    /// How to run the same change in batches; nil runs `statements` in one transaction.
    public let batching: Batching?

    /// One batch at a time, by key: `nextKeys` picks the keys of the next rows still pending after the
    /// previous batch's last key, in key order; the statements then change the pending rows with exactly
    /// those keys. The cursor keeps every batch a range scan of the primary key (O(batch)), where "the first
    /// N pending rows" would rescan the finished ones each time.
    ///
    /// The statements name the keys one by one (`id IN (?, ?, …)`), not as the range from the first to the
    /// last: pending rows are rarely adjacent in key order while the running releases write, and InnoDB
    /// locks every row a range UPDATE scans and the gaps between them. On Galera a write applied from
    /// another node into that range then aborts the batch (a brute-force abort, error 1213), and writers
    /// inserting into the range without pause made every retry of one batch lose (measured: 100 in a row,
    /// in about half of the rolling-upgrade test runs on a loaded machine). Keyed by its own rows, a batch
    /// locks only those.
    public struct Batching: Sendable {
        /// Stands for the batch's keys in `statements`: replaced by `(?, ?, …)`, one `?` per key.
        public static let keys = "(:batch_keys)"
        /// The most keys one statement is given; a larger batch runs each statement once per slice of
        /// keys, in the same transaction (SQLite and PostgreSQL limit a statement's parameters).
        public static let keysPerStatement = 1000

        /// The keys of the next rows to change, smallest first, with two `?`: the key to start after and the
        /// batch size.
        public let nextKeys: String
        /// A key smaller than every real key, where the first batch starts (`''` for text keys).
        public let start: SQLValue
        /// The number of rows still to change (one value), for progress.
        public let remainingCount: String
        /// The statements for one batch, each with `Batching.keys` where the batch's keys go
        /// (`… WHERE id IN \(Batching.keys) AND …`) and no `?`. Each must change rows one by one, by their
        /// own values only, since a large batch runs in slices. Their changed-row counts are summed.
        public let statements: [String]

        public init(nextKeys: String, start: SQLValue = .text(""), remainingCount: String, statements: [String]) {
            self.nextKeys = nextKeys
            self.start = start
            self.remainingCount = remainingCount
            self.statements = statements
        }
    }

    /// Where a batched run is, reported after each committed batch.
    public struct Progress: Sendable, Equatable {
        public let migration: String
        public let batch: Int
        /// Rows changed so far by this run.
        public let rowsChanged: Int
        /// Rows pending when the run started (writers may add or settle some while it runs).
        public let rowsPendingAtStart: Int
    }

    public init(id: String, requiresColumn: (table: String, column: String)? = nil, pendingQuery: String,
                statements: [String], batching: Batching? = nil) {
        self.id = id
        self.requiresColumn = requiresColumn
        self.pendingQuery = pendingQuery
        self.statements = statements
        self.batching = batching
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

    /// Runs the statements, set-based, in `transaction` and returns the number of rows changed.
    public func run(in transaction: WriteTransaction) throws -> Int {
        var total = 0
        for statement in statements { total += try transaction.database.execute(statement) }
        return total
    }

    /// Runs the whole migration, one committed transaction per batch (or one in all without `batching`).
    /// - Parameter progress: called after each committed batch.
    /// - Returns: the number of rows changed.
    /// - Throws: `MigrationError.dataMigrationStalled` if a batch changes nothing and the same rows come
    ///   back, rather than looping for ever.
    public func run(in database: any Database, batchSize: Int, progress: (Progress) -> Void = { _ in }) throws -> Int {
        guard let batching else { return try WriteTransaction.runRetryingConflicts(on: database) { try run(in: $0) } }
        let pendingAtStart = try database.query(batching.remainingCount).first?.values.first?.intValue.map(Int.init) ?? 0
        var total = 0
        var batch = 0
        var cursor = batching.start
        while let (rows, range) = try runBatch(in: database, size: batchSize, after: cursor) {
            guard range.1 != cursor else {
                throw MigrationError.dataMigrationStalled(id: id, firstKey: range.0.stringValue ?? "\(range.0)")
            }
            cursor = range.1
            total += rows
            batch += 1
            progress(Progress(migration: id, batch: batch, rowsChanged: total, rowsPendingAtStart: pendingAtStart))
        }
        return total
    }

    /// Runs one batch in its own transaction.
    /// - Returns: the rows changed and the first and last key of the batch, or nil when no row is pending
    ///   (or the migration has no `batching`).
    /// - Parameter after: the previous batch's last key (nil: from the start).
    public func runBatch(in database: any Database, size: Int, after: SQLValue? = nil) throws -> (rows: Int, range: (SQLValue, SQLValue))? {
        guard let batching else { return nil }
        precondition(size > 0, "batch size must be positive")
        // Writers of the running release change rows meanwhile; a batch that loses a conflict to one (on
        // Galera, at commit) is simply run again.
        return try WriteTransaction.runRetryingConflicts(on: database) { _ -> (Int, (SQLValue, SQLValue))? in
            let keys = try database.query(batching.nextKeys, [after ?? batching.start, .integer(Int64(size))]).compactMap { $0.values.first }
            guard let first = keys.first, let last = keys.last else { return nil }
            var rows = 0
            for start in stride(from: 0, to: keys.count, by: Batching.keysPerStatement) {
                let slice = Array(keys[start..<min(start + Batching.keysPerStatement, keys.count)])
                let list = "(" + Array(repeating: "?", count: slice.count).joined(separator: ", ") + ")"
                for statement in batching.statements {
                    rows += try database.execute(statement.replacing(Batching.keys, with: list), slice)
                }
            }
            return (rows, (first, last))
        }
    }
}
