import DatabaseCore

extension Detection {
    /// `read(_:)` inside one read transaction, so that both version tables are seen at one moment: a read
    /// beside a running bridge (which drops `migrate_version` and fills `alembic_version` in one commit)
    /// sees the database before it or after it, never neither table nor both.
    ///
    /// The driver keeps the version tables from being dropped under the snapshot (PostgreSQL keeps DDL
    /// outside it). A read that fails anyway (a deadlock with a bridge that takes its locks in another
    /// order) is retried with a fresh snapshot, at most `attempts` times; an error that persists is the
    /// one reported.
    /// - Throws: as `read(_:)`.
    public static func readConsistently(_ database: any Database, attempts: Int = 3) throws -> Detection {
        for attempt in 1... {
            do {
                // Sorted, so that every reader locks in one order.
                return try database.inReadSnapshot(protecting: KnownSchemas.versionTableNames) { try read(database) }
            } catch is DatabaseError where attempt < attempts {
                continue
            }
        }
        preconditionFailure("the loop returns or throws")
    }
}
