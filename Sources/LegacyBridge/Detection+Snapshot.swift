import DatabaseCore

extension Detection {
    /// `read(_:)` inside one read transaction, so that both version tables are seen at one moment: a read
    /// beside a running bridge (which drops `migrate_version` and fills `alembic_version` in one commit)
    /// sees the database before it or after it, never neither table nor both.
    ///
    /// PostgreSQL keeps DDL outside the snapshot: a table that the bridge drops after the snapshot was
    /// taken is still listed but can no longer be read. That read is retried with a fresh snapshot, at
    /// most `attempts` times; an error that persists is the one reported.
    /// - Throws: as `read(_:)`.
    public static func readConsistently(_ database: any Database, attempts: Int = 3) throws -> Detection {
        for attempt in 1... {
            do {
                return try database.inReadTransaction { try read(database) }
            } catch is DatabaseError where attempt < attempts {
                continue
            }
        }
        preconditionFailure("the loop returns or throws")
    }
}
