import DatabaseCore

/// One step of an operation as a renderer hands it to the runner.
public enum RenderedStep: Sendable, Equatable {
    /// A statement, run as it is.
    case statement(String)
    /// Every row of one table copied into another (a rebuild's `INSERT … SELECT`), which a live run may make
    /// in key ranges so that it can report progress.
    case rowCopy(RowCopy)

    /// The step as one statement: what offline SQL prints and `SQLRenderer.statements(for:tableShape:)` returns.
    public var sql: String {
        switch self {
        case .statement(let sql): return sql
        case .rowCopy(let copy): return copy.statement
        }
    }
}

/// A copy of every row of `table` that can also be made range by range over an integer key, each range a
/// statement of the same transaction, so a long copy reports rows copied as it goes. The renderer writes
/// the SQL (which key, which test says the table has it); the runner only splits the range and adds up.
public struct RowCopy: Sendable, Equatable {
    /// The table the rows are copied from.
    public let table: String
    /// The whole copy as one statement.
    public let statement: String
    /// How to make the copy in key ranges; nil where the table has no key to split on.
    public let ranges: KeyRanges?

    /// The SQL of a copy made in ranges of an integer key.
    public struct KeyRanges: Sendable, Equatable {
        /// One row with `keyed` = 1 when the table has the key after all (SQLite: it is not a WITHOUT ROWID
        /// table, which only the stored CREATE text tells); nil when it always has.
        public let keyedQuery: String?
        /// One row: `n` rows, the smallest key `low` and the largest `high` (NULL for an empty table).
        public let boundsQuery: String
        /// The copy of the rows whose key lies between its two parameters, both included.
        public let rangeStatement: String

        public init(keyedQuery: String?, boundsQuery: String, rangeStatement: String) {
            self.keyedQuery = keyedQuery
            self.boundsQuery = boundsQuery
            self.rangeStatement = rangeStatement
        }
    }

    public init(table: String, statement: String, ranges: KeyRanges?) {
        self.table = table
        self.statement = statement
        self.ranges = ranges
    }

    /// Copies the rows: where the table holds more than `chunk` rows and has the key, about `chunk` rows a
    /// range (the key range cut into rows / chunk equal widths: a seek each, no sort, no second scan),
    /// reporting `progress(copied, rows)` before the first range and after each; otherwise as the one
    /// statement, reporting nothing.
    /// - Returns: the rows copied where the copy ran in ranges; nil where it ran as the one statement.
    /// - Throws: `MigrationError.rowCopyIncomplete` when the ranges copied another number of rows than
    ///   were counted; the caller's transaction then rolls back.
    @discardableResult
    public func run(on database: any Database, chunk: Int,
                    progress: (_ copied: Int, _ rows: Int) -> Void) throws -> Int? {
        guard let ranges,
              try ranges.keyedQuery.map({ try database.query($0).first?["keyed"].intValue == 1 }) ?? true,
              let bounds = try database.query(ranges.boundsQuery).first,
              let rows = bounds["n"].intValue.map(Int.init), rows > max(chunk, 1),
              let low = bounds["low"].intValue, let high = bounds["high"].intValue, low <= high else {
            try database.executeScript(statement)
            return nil
        }
        // The span can exceed Int64 (rowids from -2^63 to 2^63-1): measured from `low` in UInt64.
        let span = UInt64(bitPattern: high &- low)
        let count = UInt64((rows + chunk - 1) / chunk)
        let width = Int64(clamping: span / count + 1)
        progress(0, rows)
        var copied = 0
        var start = low
        while true {
            let (end, overflow) = start.addingReportingOverflow(width - 1)
            let upper = overflow || end >= high ? high : end
            copied += try database.execute(ranges.rangeStatement, [.integer(start), .integer(upper)])
            progress(copied, rows)
            if upper == high { break }
            start = upper + 1
        }
        // The ranges cover every key once, so this only fails if the SQL does not do what it says: refuse
        // rather than commit a table that lost rows.
        guard copied == rows else {
            throw MigrationError.rowCopyIncomplete(table: table, copied: copied, rows: rows)
        }
        return copied
    }
}
