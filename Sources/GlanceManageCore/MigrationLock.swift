import DatabaseCore
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import MySQLDriver
import PostgresDriver

/// Serialises commands that change a database, for the whole command rather than one revision:
/// a second `db sync` started beside a first one waits, then finds the database up to date.
///
/// * PostgreSQL: a session-level advisory lock, taken with a try-and-wait loop on a connection of its own
///   (so the migration connection's transactions are unaffected); the server drops it if we die.
/// * MySQL: a named lock (`GET_LOCK`) per database, tried and waited for on a connection of its own; the
///   server drops it if we die.
/// * SQLite: an exclusive `flock` on `<database file>.lock`; the kernel drops it if we die. (Each revision
///   also runs in a `BEGIN IMMEDIATE` transaction that re-reads the version rows, so even a process that
///   ignores the lock file cannot apply a revision twice.)
final class MigrationLock {
    /// `hashtext`-free constant so every glance-bridge process agrees: "glance" in ASCII.
    static let advisoryKey: Int64 = 0x676c_616e_6365

    private var postgres: PostgresDatabase?
    private var mysql: (connection: MySQLDatabase, name: String)?
    private var fileDescriptor: Int32 = -1

    /// How long the lock was waited for, zero when it was free.
    private(set) var waited: Duration = .zero

    init(url: ConnectionURL, timeout: Duration = .seconds(600)) throws {
        let clock = ContinuousClock()
        let start = clock.now
        var announced = false
        func waitOnce() throws {
            if !announced {
                Output.error("Another glance-manage holds the migration lock on \(url.redacted); waiting for it to finish")
                announced = true
            }
            guard clock.now - start < timeout else {
                throw CLIFailure("ERROR: timed out after \(timeout) waiting for the migration lock on \(url.redacted)")
            }
            usleep(50_000)
        }
        switch url.target {
        case .postgresql(let parameters):
            let connection = try PostgresDatabase(parameters: parameters)
            while try !connection.tryAdvisoryLock(Self.advisoryKey) { try waitOnce() }
            postgres = connection
        case .mysql(let parameters):
            // A named lock is server-wide, not per database: the name carries the database's.
            let connection = try MySQLDatabase(parameters: parameters)
            let name = String(("glance-bridge." + (parameters.database ?? "")).prefix(64))
            while try !connection.getLock(name) { try waitOnce() }
            mysql = (connection, name)
        case .sqlite(let path):
            guard path != ":memory:" else { return }
            let lockPath = path + ".lock"
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw CLIFailure("ERROR: cannot open lock file \(lockPath): \(String(cString: strerror(errno)))")
            }
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK || errno == EINTR else {
                    close(fd)
                    throw CLIFailure("ERROR: cannot lock \(lockPath): \(String(cString: strerror(errno)))")
                }
                try waitOnce()
            }
            fileDescriptor = fd
        }
        waited = announced ? clock.now - start : .zero
        if announced {
            let milliseconds = waited.components.seconds * 1000 + waited.components.attoseconds / 1_000_000_000_000_000
            Output.error("Migration lock acquired after waiting \(milliseconds) ms")
        }
    }

    deinit {
        if let postgres { try? postgres.advisoryUnlock(Self.advisoryKey) }
        if let mysql { try? mysql.connection.releaseLock(mysql.name) }
        if fileDescriptor >= 0 {
            flock(fileDescriptor, LOCK_UN)
            close(fileDescriptor)
        }
    }
}
