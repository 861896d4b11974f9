import DatabaseCore
import FoundationEssentials

/// Deletes soft-deleted rows older than a cutoff, as Glance's `purge_deleted_rows` and
/// `purge_deleted_rows_from_images` (`glance/db/sqlalchemy/api.py`) do, but in short transactions.
///
/// Glance runs one `DELETE … LIMIT max_rows` per table, so `--max_rows -1` deletes a whole table in one
/// transaction. Here each table is purged in batches of at most `batchSize` rows, each committed on its own,
/// until `maxRows` rows are gone or none is left. A foreign-key violation rolls back its batch and stops the
/// purge (`PurgeError.stillReferenced`); batches committed before it stay purged, as Glance's earlier tables do.
///
/// - Warning: Destructive: purged rows are gone for good; Glance's API can no longer show them as deleted.
public struct Purger {
    let database: any Database
    let batchSize: Int
    let log: LogSink
    /// Called after each committed batch; nil (the default) also skips counting the candidates first.
    let progress: ((PurgeProgress) -> Void)?

    /// Tables `purge` empties after `task_info`: Glance's model order without `images` (kept since Rocky,
    /// OSSN-0075) and with `tasks` moved last, so children go before what they reference.
    public static let tables = ["image_properties", "image_tags", "image_locations", "image_members", "tasks"]

    public init(database: any Database, batchSize: Int = 1000, log: @escaping LogSink,
                progress: ((PurgeProgress) -> Void)? = nil) {
        precondition(batchSize > 0, "a batch must delete something")
        self.database = database
        self.batchSize = batchSize
        self.log = log
        self.progress = progress
    }

    /// `db purge`: `task_info` rows of purgeable tasks first, then `tables`.
    /// - Returns: rows deleted per table.
    /// - Throws: `GlanceDataError.missingTables`, `PurgeError.stillReferenced`, `DatabaseError`.
    @discardableResult
    public func purgeDeletedRows(_ request: PurgeRequest) throws -> [String: Int] {
        try GlanceDataError.requireTables(["task_info"] + Self.tables, kind: "Glance image and task", in: database)
        return try database.withForeignKeysEnforced {
            var deleted: [String: Int] = [:]
            // task_info has no deleted_at; its rows go with their task (Glance's "force purging").
            deleted["task_info"] = try purge("task_info", request, key: "task_id", candidates: """
                SELECT ti.task_id FROM task_info ti JOIN tasks t ON t.id = ti.task_id
                WHERE t.deleted_at < ? ORDER BY t.deleted_at, t.id
                """, failure: "DBError detected when force purging table=task_info")
            for table in Self.tables { deleted[table] = try purge(table, request) }
            return deleted
        }
    }

    /// `db purge_images_table`: the `images` table only; fails while other tables still reference a row.
    /// - Returns: rows deleted.
    @discardableResult
    public func purgeImages(_ request: PurgeRequest) throws -> Int {
        try GlanceDataError.requireTables(["images"], kind: "Glance image", in: database)
        return try database.withForeignKeysEnforced { try purge("images", request) }
    }

    // Glance's purge relies on the database refusing to delete a referenced image: foreign keys are
    // enforced for the purge even where our connections normally leave them off (SQLite, as SQLAlchemy).

    /// One table, batch by batch: `candidates` selects the `key`s of the rows to purge, oldest first (the
    /// cutoff its one parameter), and each batch deletes the first of them. One statement for every dialect:
    /// PostgreSQL has no `DELETE … LIMIT`, and MySQL refuses both `LIMIT` in an `IN` subquery and a subquery
    /// reading the table being deleted from, unless the batch is a derived table (`AS batch`), which it
    /// materialises first. `id` breaks ties so `task_info` and `tasks` pick the same tasks.
    private func purge(_ table: String, _ request: PurgeRequest, key: String = "id", candidates: String? = nil,
                       failure: String? = nil) throws -> Int {
        log(.info, "Purging deleted rows older than \(request.ageInDays) day(s) from table \(table)")
        let selection = candidates ?? "SELECT id FROM \(table) WHERE deleted_at < ? ORDER BY deleted_at, id"
        let sql = "DELETE FROM \(table) WHERE \(key) IN (SELECT \(key) FROM (\(selection) LIMIT ?) AS batch)"
        let cutoff = SQLValue.text(SQLTimestamp.text(request.cutoff))
        var remaining = request.maxRows == -1 ? Int.max : request.maxRows
        var total = 0
        // Counted only for a progress display: the total it shows (what the batches will delete at most).
        let expected = try progress.map { _ in
            let counted = try database.query("SELECT COUNT(*) AS n FROM (\(selection)) AS candidates", [cutoff])
                .first?["n"].intValue.map(Int.init) ?? 0
            return min(counted, remaining)
        }
        while remaining > 0 {
            let limit = min(remaining, batchSize)
            let count: Int
            do {
                count = try database.inTransaction { try database.execute(sql, [cutoff, .integer(Int64(limit))]) }
            } catch let error as DatabaseError where error.kind == .foreignKeyViolation {
                log(.error, "\(failure ?? "DBError detected when purging from \(table)"): \(error.message)")
                throw PurgeError.stillReferenced(table: table, message: error.message)
            }
            total += count
            remaining -= count
            if let progress, let expected {
                progress(PurgeProgress(table: table, deleted: total, expected: max(expected, total)))
            }
            if count < limit { break }
        }
        log(.info, "Deleted \(total) row(s) from table \(table)")
        return total
    }
}

/// Where a purge is: rows deleted so far from `table`, of the `expected` it counted before the first batch.
public struct PurgeProgress: Sendable {
    public let table: String
    public let deleted: Int
    public let expected: Int
}
