import DatabaseCore
import FoundationEssentials

/// `--backup PATH`: a consistent copy of the database, taken by its driver (`OnlineBackup`) under the
/// migration lock before a command changes anything.
enum Backup {
    /// The path checks that need no database, made before anything is opened or locked: empty, existing,
    /// or a symbolic link (a dangling one too). The driver checks again when it writes.
    static func validate(_ path: String) throws {
        guard !path.isEmpty else { throw failure(.emptyPath) }
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil { throw failure(.symbolicLink(path)) }
        if FileManager.default.fileExists(atPath: path) { throw failure(.exists(path)) }
    }

    static func copy(_ database: any Database, to path: String) throws {
        do {
            try database.backUp(toNewFile: path)
        } catch let error as BackupError {
            throw failure(error)
        }
        Output.log("Backed up the database to \(path)", logger: "glance_bridge.backup")
    }

    private static func failure(_ error: BackupError) -> CLIFailure { CLIFailure("ERROR: \(error)") }
}
