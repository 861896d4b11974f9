import DatabaseCore
import Foundation
import GlanceRevisions
import LegacyBridge
import MigrationEngine
import Testing
import TestSupport

/// Crash safety: `db sync` killed after its k-th statement, for every k, always leaves a database at a
/// recorded revision whose schema is exactly that revision's, and a second `db sync` finishes the job.
/// The crash is the `GLANCE_BRIDGE_CRASH_AFTER` seam (`_exit` with no cleanup) and, separately, a real
/// SIGKILL.
@Suite struct CrashSafetyTests {
    static let crashed: Int32 = 99

    @Test(arguments: TestBackend.all)
    func everyCrashPointOfAFreshSyncRecovers(_ backend: TestBackend) throws {
        try sweep(backend, start: { try $0.makeScratch() }, expected: { heads, dialect in
            SchemaSimulator(dialect: dialect).schema(at: heads, in: GlanceRevisions.map)
        })
    }

    @Test(arguments: TestBackend.all)
    func everyCrashPointOfALegacy44SyncRecovers(_ backend: TestBackend) throws {
        try sweep(backend, start: { backend in
            let scratch = try Fixtures.legacyDatabase(44, backend)
            try scratch.connect().executeScript("""
                INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram, protected) VALUES
                  ('a', 'active', TRUE, '2016-01-01', FALSE, 0, 0, FALSE), ('b', 'active', FALSE, '2016-01-01', FALSE, 0, 0, FALSE)
                """)
            return scratch
        }, expected: { heads, dialect in
            let legacy = KnownSchemas(dialect: dialect).legacy(44)!
            if heads.isEmpty { return legacy }
            let map = GlanceRevisions.map
            return SchemaSimulator(dialect: dialect).schema(applying: map.upgradePlan(from: ["mitaka02"], to: heads), to: legacy)
        })
    }

    /// Runs `db sync` with a crash after statement k = 1, 2, … until a run completes without crashing.
    /// Crash points are shared out over a few workers (k = w, w + n, …), each on its own databases.
    private func sweep(_ backend: TestBackend, start: @escaping @Sendable (TestBackend) throws -> ScratchDatabase,
                       expected: @escaping @Sendable ([String], Dialect) -> Schema) throws {
        let workers = 3
        let covered = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var k = worker + 1
            while (try? crashAndRecover(backend, k: k, start: start, expected: expected)) == true {
                covered.add()
                k += workers
            }
        }
        #expect(covered.value > 20, "the sweep covered \(covered.value) crash points")
    }

    /// One crash point: returns false once a run with that k completes without crashing (or on failure).
    private func crashAndRecover(_ backend: TestBackend, k: Int, start: (TestBackend) throws -> ScratchDatabase,
                                 expected: ([String], Dialect) -> Schema) throws -> Bool {
        let scratch = try start(backend)
        let arguments = ["db", "sync", "--connection", scratch.url]
        let crash = try GlanceManageBinary.run(arguments, environment: ["GLANCE_BRIDGE_CRASH_AFTER": String(k)])
        if crash.status == 0 { return false }
        #expect(crash.status == Self.crashed, "k=\(k): \(crash)")
        // The database is at a recorded state, and its schema is that state's, nothing half-done.
        let db = try scratch.connect()
        let heads = try Migrator(map: GlanceRevisions.map).currentHeads(in: db)
        let live = try db.introspect().excluding(tables: KnownSchemas.versionTables)
        let diff = SchemaDiff(expected(heads, backend.dialect), live)
        #expect(diff.isEmpty, "k=\(k) at \(heads):\n\(diff)")
        // The stamp and the dropped migrate_version commit together.
        if !heads.isEmpty { #expect(try !db.tableExists("migrate_version"), "k=\(k): stamped at \(heads) but migrate_version is still there") }
        let again = try GlanceManageBinary.run(arguments)
        #expect(again.status == 0, "k=\(k) recovery: \(again)")
        #expect(try Migrator(map: GlanceRevisions.map).currentHeads(in: db) == ["2024_1_contract01"], "k=\(k)")
        return diff.isEmpty && again.status == 0
    }

    /// A real SIGKILL in the middle of an upgrade of many images.
    @Test(arguments: TestBackend.all)
    func sigkillDuringAnUpgradeRecovers(_ backend: TestBackend) throws {
        let scratch = try Fixtures.legacyDatabase(44, backend)
        let db = try scratch.connect()
        let rows = (0..<3000).map { "('img-\($0)', 'active', \($0 % 2 == 0 ? "TRUE" : "FALSE"), '2016-01-01', FALSE, 0, 0, FALSE)" }
        try db.executeScript("INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram, protected) VALUES " + rows.joined(separator: ", "))
        let process = Process()
        process.executableURL = GlanceManageBinary.url
        process.arguments = ["db", "sync", "--connection", scratch.url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.15)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let heads = try Migrator(map: GlanceRevisions.map).currentHeads(in: db)
        let legacy = KnownSchemas(dialect: backend.dialect).legacy(44)!
        let expected = heads.isEmpty ? legacy
            : SchemaSimulator(dialect: backend.dialect).schema(applying: GlanceRevisions.map.upgradePlan(from: ["mitaka02"], to: heads), to: legacy)
        let diff = SchemaDiff(expected, try db.introspect().excluding(tables: KnownSchemas.versionTables))
        #expect(diff.isEmpty, "killed at \(heads):\n\(diff)")
        let again = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(again.status == 0, "\(again)")
        #expect(try db.query("SELECT COUNT(*) AS n FROM images WHERE visibility IS NOT NULL").first?["n"].intValue == 3000)
    }

    @Test func backupCopiesTheDatabaseBeforeAnyChangeAndRefusesAnExistingPath() throws {
        let scratch = try Fixtures.legacyDatabase(44, .sqlite)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.sqlitePath!))
        let backup = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: backup) }
        var r = try GlanceManageBinary.run(["db", "sync", "--backup", backup, "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        // The copy is the database as it was: still legacy 44.
        r = try GlanceManageBinary.run(["db", "version", "--connection", "sqlite:///" + backup])
        #expect(r.stdout.hasPrefix("Legacy version 44"), "\(r)")
        let after = try Data(contentsOf: URL(fileURLWithPath: scratch.sqlitePath!))
        r = try GlanceManageBinary.run(["db", "contract", "--backup", backup, "--connection", scratch.url])
        #expect(r.status == 1)
        #expect(r.stderr == "ERROR: backup file \(backup) already exists; choose a new path (nothing was changed)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.sqlitePath!)) == after)
        #expect(before != after)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
