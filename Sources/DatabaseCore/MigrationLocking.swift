/// The lock that serialises commands changing a database across processes, provided by each driver.
///
/// The lock belongs to the connection that took it and ends with it: a run cannot outlive its lock, and a
/// run whose lock is lost (its PostgreSQL session terminated) has lost the connection it migrates with too,
/// so it fails instead of carrying on beside the next run.
///
/// ```swift
/// while try !database.tryAcquireMigrationLock() { usleep(50_000) }
/// defer { try? database.releaseMigrationLock() }
/// ```
public protocol MigrationLocking: AnyObject {
    /// Takes the lock if no other connection holds it; returns at once either way.
    /// - Returns: whether this connection now holds the lock.
    /// - Throws: `DatabaseError` when the lock cannot be asked for at all.
    func tryAcquireMigrationLock() throws -> Bool

    /// Gives the lock back before the connection closes (closing releases it too).
    func releaseMigrationLock() throws
}

/// A consistent copy of the whole database into a new file, taken while other connections may read.
public protocol OnlineBackup: AnyObject {
    /// Copies the database to `path`, which must not exist: the copy is written under a temporary name
    /// beside it, given the source's file mode, and renamed into place only when complete; a failed copy
    /// leaves nothing behind.
    /// - Throws: `BackupError`; `.notSupported` where the driver cannot back up (PostgreSQL: use pg_dump).
    func backUp(toNewFile path: String) throws
}

/// Why `--backup` made no copy. Every case leaves the database and the backup path as they were.
public enum BackupError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The driver cannot copy its database (`product`, e.g. PostgreSQL); `advice` names what can.
    case notSupported(product: String, advice: String)
    case emptyPath
    case exists(String)
    case symbolicLink(String)
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .notSupported(let product, let advice):
            return "--backup cannot copy a \(product) database; \(advice) (nothing was changed)"
        case .emptyPath:
            return "--backup needs a file path; '' names no file (nothing was changed)"
        case .exists(let path):
            return "backup file \(path) already exists; choose a new path (nothing was changed)"
        case .symbolicLink(let path):
            return "backup path \(path) is a symbolic link; a backup is never written through one (nothing was changed)"
        case .failed(let path, let reason):
            return "backup to \(path) failed: \(reason); the partial copy was removed (nothing was changed)"
        }
    }
}

/// The table a driver may keep for its migration lock where the server has no lock that holds across
/// nodes (Galera: one row, the holder and its lease). It is bookkeeping, not Glance's schema: detection,
/// fingerprints, `db check` and `db compare` leave it out as they leave out the version tables.
public enum MigrationLockTable {
    public static let name = "glance_bridge_lock"
}
