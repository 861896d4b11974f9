import DatabaseCore
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Serialises commands that change a database, for the whole command rather than one revision:
/// a second `db sync` started beside a first one waits, then finds the database up to date.
///
/// The lock is the driver's (`MigrationLocking`): it is held by the connection the command migrates with
/// and ends with it. (Each revision also runs in a write transaction that re-reads the version rows, and
/// the legacy bridge re-reads both version tables inside its own, so even a run that ignores the lock
/// cannot apply a revision or stamp twice.)
enum MigrationLock {
    /// Waits for the lock on `database`, saying so on stderr when another run holds it.
    /// - Throws: `CLIFailure` after `timeout`; `DatabaseError` when the lock cannot be asked for.
    static func acquire(on database: any Database, url: ConnectionURL, timeout: Duration = .seconds(600)) throws {
        let clock = ContinuousClock()
        let start = clock.now
        var announced = false
        while try !database.tryAcquireMigrationLock() {
            if !announced {
                Output.error("Another glance-manage holds the migration lock on \(url.redacted); waiting for it to finish")
                announced = true
            }
            guard clock.now - start < timeout else {
                throw CLIFailure("ERROR: timed out after \(timeout) waiting for the migration lock on \(url.redacted)")
            }
            usleep(50_000)
        }
        if announced {
            let waited = clock.now - start
            let milliseconds = waited.components.seconds * 1000 + waited.components.attoseconds / 1_000_000_000_000_000
            Output.error("Migration lock acquired after waiting \(milliseconds) ms")
        }
    }
}
