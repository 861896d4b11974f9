import DatabaseCore
import Foundation
import GlanceRevisions
import LegacyBridge
import MigrationEngine
import PostgresDriver
import Testing
import TestSupport

/// The migration lock holds for the file and the session, not for a name: two runs reaching one SQLite
/// database through different names never overlap, and a PostgreSQL run whose lock session dies stops
/// instead of carrying on beside the next run.
@Suite struct MigrationLockTests {
    /// Issue 16.1: with a lock per path, the loser re-stamped mitaka02 over a migrated schema in 9 of 21 tries.
    @Test(arguments: ["symlink", "hardlink"])
    func twoSyncsThroughTwoNamesOfOneFileNeverStampTwice(_ kind: String) throws {
        for round in 0..<6 {
            let scratch = try Fixtures.legacyDatabase(44, .sqlite)
            let real = scratch.sqlitePath!
            let other = real + ".\(kind)"
            if kind == "symlink" {
                try FileManager.default.createSymbolicLink(atPath: other, withDestinationPath: real)
            } else {
                try FileManager.default.linkItem(atPath: real, toPath: other)
            }
            defer { try? FileManager.default.removeItem(atPath: other) }
            let runs = try runTogether([["db", "sync", "--connection", "sqlite:///" + real],
                                        ["db", "sync", "--connection", "sqlite:///" + other]])
            for run in runs { #expect(run.status == 0, "round \(round): \(run)") }
            let stamps = runs.filter { $0.stdout.contains("Placing database under Alembic's migration control") }
            #expect(stamps.count == 1, "round \(round): stamped \(stamps.count) times")
            let db = try scratch.connect()
            #expect(try VersionTable().rows(in: db) == ["2024_1_contract01"], "round \(round)")
            let diff = SchemaDiff(try Fixtures.referenceHeadSchema(.sqlite), try db.introspect())
            #expect(diff.onlyInFirst.isEmpty, "round \(round): \(diff)")
            #expect(diff.onlyInSecond == KnownSchemas(dialect: .sqlite).legacyDifferences(44, carriedTo: GlanceRevisions.map.heads).legacyOnlyFacts, "round \(round)")
            let again = try GlanceManageBinary.run(["db", "sync", "--connection", "sqlite:///" + other])
            #expect(again.status == 0 && again.stdout == "Database is up to date. No migrations needed.\n", "\(again)")
        }
    }

    /// Issue 16.3: the lock session is terminated while the run waits on a table lock. The run must fail
    /// (it used to carry on unlocked), and a second run started meanwhile runs alone and reaches head.
    @Test func aRunWhoseLockSessionIsTerminatedStopsAndTheNextRunsAlone() throws {
        let scratch = try Fixtures.legacyDatabase(44, .postgresql)
        let blocker = try scratch.connect()
        // Hold migrate_version so that the first run, once it has the migration lock, waits on it.
        try blocker.executeScript("BEGIN; LOCK TABLE migrate_version IN ACCESS EXCLUSIVE MODE")
        let first = Background(["db", "sync", "--connection", scratch.url])
        let observer = try scratch.connect()
        let holder = try waitForLockHolder(observer)
        #expect(try observer.query("SELECT pg_terminate_backend(?) AS ok", [.integer(holder)]).first?["ok"].boolValue == true)
        let second = Background(["db", "sync", "--connection", scratch.url])
        // Give the second run time to take the lock it now finds free, then let everything proceed.
        _ = try waitForLockHolder(observer, other: holder)
        try blocker.executeScript("COMMIT")
        let firstResult = try first.wait(), secondResult = try second.wait()
        #expect(firstResult.status == 1, "\(firstResult)")
        // libpq's or the server's words for the ended session, and nothing else on stderr.
        #expect(["ERROR: server closed the connection unexpectedly\n",
                  "ERROR: terminating connection due to administrator command\n"].contains(firstResult.stderr), "\(firstResult)")
        #expect(secondResult.status == 0, "\(secondResult)")
        let db = try scratch.connect()
        #expect(try VersionTable().rows(in: db) == ["2024_1_contract01"])
        let diff = SchemaDiff(try Fixtures.referenceHeadSchema(.postgresql), try db.introspect())
        #expect(diff.onlyInFirst.isEmpty, "\(diff)")
        #expect(diff.onlyInSecond == KnownSchemas(dialect: .postgresql).legacyDifferences(44, carriedTo: GlanceRevisions.map.heads).legacyOnlyFacts, "\(diff)")
    }

    /// The pid of the session holding the migration lock in this database (not `other`), waited for.
    private func waitForLockHolder(_ observer: any Database, other: Int64? = nil) throws -> Int64 {
        let key = PostgresDatabase.migrationLockKey
        for _ in 0..<400 {
            let rows = try observer.query("""
                SELECT pid FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted
                AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
                AND classid = ? AND objid = ?
                """, [.integer(key >> 32), .integer(key & 0xffff_ffff)])
            if let pid = rows.first?["pid"].intValue, pid != other { return pid }
            Thread.sleep(forTimeInterval: 0.025)
        }
        throw TestSetupError("no session took the migration lock within 10 s")
    }
}

/// Runs the commands at the same moment, each on its own thread, and returns their results in order.
func runTogether(_ commands: [[String]]) throws -> [CommandResult] {
    let runs = commands.map { Background($0) }
    return try runs.map { try $0.wait() }
}

/// `glance-manage` running on a thread of its own.
final class Background: @unchecked Sendable {
    private var result: Result<CommandResult, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ arguments: [String], environment: [String: String]? = nil, launcher: [String] = []) {
        Thread {
            self.result = Result { try GlanceManageBinary.run(arguments, environment: environment, launcher: launcher) }
            self.done.signal()
        }.start()
    }

    func wait() throws -> CommandResult {
        done.wait()
        return try result!.get()
    }
}
