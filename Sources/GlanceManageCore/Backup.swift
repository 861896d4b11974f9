import DatabaseCore
import FoundationEssentials
import SQLiteDriver

/// `--backup PATH`: a consistent copy of a SQLite database taken before a command changes it.
enum Backup {
    /// Checked before the lock is taken or anything is opened for writing.
    static func validate(_ path: String, for url: ConnectionURL) throws {
        guard url.dialect == .sqlite else {
            throw CLIFailure("ERROR: --backup copies SQLite databases only; back up PostgreSQL with pg_dump before upgrading")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CLIFailure("ERROR: backup file \(path) already exists; choose a new path (nothing was changed)")
        }
    }

    static func copy(_ database: any Database, to path: String) throws {
        guard let source = database as? SQLiteDatabase else { return }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CLIFailure("ERROR: backup file \(path) already exists; choose a new path (nothing was changed)")
        }
        do {
            try source.backup(to: SQLiteDatabase(path: path))
        } catch let error as DatabaseError {
            throw CLIFailure("ERROR: backup to \(path) failed: \(error.message) (nothing was changed)")
        }
        Output.log("Backed up the database to \(path)", logger: "glance_bridge.backup")
    }
}
