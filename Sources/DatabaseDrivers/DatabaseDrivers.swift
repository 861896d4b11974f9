import DatabaseCore
import MySQLDriver
import PostgresDriver
import SQLiteDriver

/// How a command may touch the database.
public enum AccessMode: Sendable {
    /// Reading only: a missing SQLite file is not created and the connection is read-only.
    case readOnly
    case readWrite
}

/// A connection URL that names no usable database, said before anything is created or locked.
public enum DriverError: Error, CustomStringConvertible, Sendable {
    /// A SQLite file in a directory that does not exist: a wrong URL or config, not an empty database.
    case missingDirectory(path: String, directory: String)
    /// `?mode=ro` or `?mode=rw` on a SQLite file that does not exist: SQLite would not create it.
    case missingFile(path: String, mode: SQLiteMode)
    /// Scratch schemas for `db compare` need a server of the compared dialect.
    case scratchNeedsServer(Dialect)

    public var description: String {
        switch self {
        case .missingDirectory(let path, let directory):
            return "cannot open SQLite database \(path): directory \(directory) does not exist"
        case .missingFile(let path, let mode):
            return "cannot open SQLite database \(path): no such file (mode=\(mode.rawValue) does not create it)"
        case .scratchNeedsServer(let dialect):
            return "--dialect \(dialect) needs a \(dialect) --connection to hold the scratch schemas"
        }
    }
}

/// The one place that maps a connection URL to its driver. Everything above it works through `Database`.
extension ConnectionURL {
    /// Opens a connection, or nil for `readOnly` on a SQLite file that does not exist (an empty database
    /// that reading must not create).
    /// - Throws: `DriverError` for a location that cannot exist, `DatabaseError` from the driver.
    public func open(_ mode: AccessMode) throws -> (any Database)? {
        try validateLocation()
        switch target {
        case .sqlite(let path):
            if mode == .readOnly {
                guard path == ":memory:" || PathStatus.exists(path) else { return nil }
                return try SQLiteDatabase(path: path, readOnly: path != ":memory:")
            }
            return try SQLiteDatabase(path: path, readOnly: sqliteReadOnly, mustExist: sqliteMustExist)
        case .postgresql(let parameters):
            return try PostgresDatabase(parameters: parameters)
        case .mysql(let parameters):
            return try MySQLDatabase(parameters: parameters)
        }
    }

    /// Checks, before a lock file or the database is created, that the URL can name a database at all.
    /// - Throws: `DriverError.missingDirectory` for a SQLite file in a directory that does not exist
    ///   (reading would otherwise report "empty").
    public func validateLocation() throws {
        guard case .sqlite(let path) = target, path != ":memory:" else { return }
        // The text before the last "/" (Foundation's URL would cost start-up a tenth of `db version`).
        let directory = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        guard PathStatus.isDirectory(directory) else {
            throw DriverError.missingDirectory(path: path, directory: directory)
        }
        guard !sqliteMustExist || PathStatus.exists(path) else {
            throw DriverError.missingFile(path: path, mode: sqliteMode)
        }
    }

    /// A private database holding what this URL's database holds, that a dry run (`--sql`) may change
    /// freely; nil where the dry run renders its statements from the version rows instead. Only reads the
    /// original.
    public func openPrivateCopy() throws -> (any Database)? {
        switch target {
        // SQLite's table rebuilds read the live shape of the table, which a legacy database may not share
        // with any simulated state: the upgrade runs on an in-memory copy and prints what ran.
        case .sqlite:
            let scratch = try SQLiteDatabase(path: ":memory:")
            if let source = try open(.readOnly) as? SQLiteDatabase { try source.backup(to: scratch) }
            return scratch
        // PostgreSQL and MySQL alter in place: every statement follows from the revisions alone.
        case .postgresql, .mysql:
            return nil
        }
    }
}
