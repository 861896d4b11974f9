import DatabaseCore
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A test seam for crash safety: with `GLANCE_BRIDGE_CRASH_AFTER=k` in the environment, the process dies
/// (`_exit(99)`, no cleanup, no rollback) right after the k-th statement it sends on the migration
/// connection, as a power cut or an OOM kill would leave it. The crash-safety sweep runs a whole
/// `db sync` once for every k. With `GLANCE_BRIDGE_STATEMENT_LOG=path` as well, each statement is appended
/// to that file (one line, newlines flattened) before the crash check, so the sweep learns how many
/// statements an uninterrupted run sends and can prove that run k died after exactly k.
final class CrashAfterStatements: Database {
    static let environmentKey = "GLANCE_BRIDGE_CRASH_AFTER"
    static let logKey = "GLANCE_BRIDGE_STATEMENT_LOG"
    static let exitStatus: Int32 = 99

    private let base: any Database
    private let limit: Int
    private let log: UnsafeMutablePointer<FILE>?
    private var count = 0

    /// Wraps `database` when the environment asks for a crash, otherwise returns it unchanged.
    static func wrapping(_ database: any Database) -> any Database {
        guard let text = ProcessEnvironment.value(environmentKey), let limit = Int(text), limit > 0 else {
            return database
        }
        let log = ProcessEnvironment.value(logKey).flatMap { fopen($0, "a") }
        return CrashAfterStatements(database, limit: limit, log: log)
    }

    private init(_ base: any Database, limit: Int, log: UnsafeMutablePointer<FILE>?) {
        self.base = base
        self.limit = limit
        self.log = log
    }

    deinit {
        if let log { fclose(log) }
    }

    private func sent(_ sql: String) {
        count += 1
        if let log {
            // Flushed at once: `_exit` discards stdio buffers.
            fputs(sql.replacing("\n", with: " ") + "\n", log)
            fflush(log)
        }
        if count >= limit { _exit(Self.exitStatus) }
    }

    var dialect: Dialect { base.dialect }
    var beginWriteStatement: String { base.beginWriteStatement }

    func executeScript(_ sql: String) throws {
        try base.executeScript(sql)
        sent(sql)
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        let changed = try base.execute(sql, parameters)
        sent(sql)
        return changed
    }

    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [Row] { try base.query(sql, parameters) }
    func introspect() throws -> Schema { try base.introspect() }
    func introspectTable(_ name: String) throws -> TableSchema? { try base.introspectTable(name) }
    func tableExists(_ name: String) throws -> Bool { try base.tableExists(name) }
    func tableNames() throws -> [String] { try base.tableNames() }
    func foreignKeyViolations(in table: String) throws -> Set<String> { try base.foreignKeyViolations(in: table) }
    func withForeignKeysEnforced<T>(_ body: () throws -> T) throws -> T { try base.withForeignKeysEnforced(body) }
    func inReadSnapshot<T>(protecting tables: [String], _ body: () throws -> T) throws -> T {
        try base.inReadSnapshot(protecting: tables, body)
    }
    func clusterStatus() throws -> ClusterStatus? { try base.clusterStatus() }
    func tryAcquireMigrationLock() throws -> Bool { try base.tryAcquireMigrationLock() }
    func releaseMigrationLock() throws { try base.releaseMigrationLock() }
    func backUp(toNewFile path: String) throws { try base.backUp(toNewFile: path) }
}
