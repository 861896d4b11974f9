import DatabaseCore
import Foundation
import GlanceRevisions
import LegacyBridge
import MigrationEngine
import Testing
import TestSupport

/// Crash safety: `db sync` killed after its k-th statement, for every k, always leaves a database at a
/// recorded revision whose schema is exactly that revision's, and a second `db sync` finishes the job.
/// Where DDL commits statement by statement (MySQL), the schema may instead be one of the states between the
/// operations of the next revision: then `db version` must say so, and the second `db sync` resumes it.
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
                  ('a', 'active', TRUE, '2016-01-01', FALSE, 0, 0, FALSE),
                  ('b', 'active', FALSE, '2016-01-01', FALSE, 0, 0, FALSE)
                """)
            return scratch
        }, expected: { heads, dialect in
            let legacy = KnownSchemas(dialect: dialect).legacy(44)!
            if heads.isEmpty { return legacy }
            let map = GlanceRevisions.map
            return SchemaSimulator(dialect: dialect)
                .schema(applying: map.upgradePlan(from: ["mitaka02"], to: heads), to: legacy)
        })
    }

    /// Learns how many statements an uninterrupted `db sync` sends (n) and what it leaves, then runs it once
    /// for every k in 1…n with a crash after statement k, shared out over a few workers (k = w, w + 3, …),
    /// each point on its own database. Every point is checked and every failure, thrown or found, is
    /// reported with its k. After recovery the database must be what the uninterrupted run left: on SQLite
    /// that includes the stored CREATE text, which StoredDDLTests hold to Glance's.
    private func sweep(_ backend: TestBackend, start: @escaping @Sendable (TestBackend) throws -> ScratchDatabase,
                       expected: @escaping @Sendable ([String], Dialect) -> Schema) throws {
        let began = Date()
        defer { print("crash sweep on \(backend): \(Int(Date().timeIntervalSince(began))) s") }
        let (total, finished) = try uninterruptedRun(backend, start: start)
        try #require(total > 0)
        let workers = 3
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for k in stride(from: worker + 1, through: total, by: workers) {
                do {
                    results.record(k, try crashAndRecover(backend, k: k, start: start, expected: expected,
                                                          finished: finished))
                } catch {
                    results.record(k, ["threw: \(error)"])
                }
            }
        }
        let problems = results.all
        #expect(problems.keys.sorted() == Array(1...total), "crash points covered")
        for (k, found) in problems.sorted(by: { $0.key < $1.key }) where !found.isEmpty {
            Issue.record("k=\(k) of \(total): \(found.joined(separator: "\n"))")
        }
    }

    /// A run with the seam armed beyond reach counts its statements in the log and must finish normally.
    private func uninterruptedRun(_ backend: TestBackend, start: (TestBackend) throws -> ScratchDatabase)
        throws -> (statements: Int, finished: FinishedState) {
        let scratch = try start(backend)
        let log = StatementLog()
        let run = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url],
                                             environment: log.environment(crashAfter: Int.max))
        #expect(run.status == 0, "\(run)")
        return (try log.statements().count, try FinishedState(scratch))
    }

    /// One crash point; returns what went wrong (nothing when the point holds).
    private func crashAndRecover(_ backend: TestBackend, k: Int, start: (TestBackend) throws -> ScratchDatabase,
                                 expected: ([String], Dialect) -> Schema, finished: FinishedState) throws -> [String] {
        var problems: [String] = []
        let scratch = try start(backend)
        let arguments = ["db", "sync", "--connection", scratch.url]
        let log = StatementLog()
        let crash = try GlanceManageBinary.run(arguments, environment: log.environment(crashAfter: k))
        let sent = try log.statements()
        let last = sent.last ?? "(none)"
        if crash.status != Self.crashed { problems.append("expected the crash exit \(Self.crashed): \(crash)") }
        if sent.count != k { problems.append("died after \(sent.count) statements, not \(k)") }
        // The database is at a recorded state, and its schema is that state's, nothing half-done; or, where
        // DDL is not transactional, a state between two operations of the next revision, which is reported.
        let db = try scratch.connect()
        let heads = try Migrator(map: GlanceRevisions.map).currentHeads(in: db)
        problems += try Self.stateProblems(scratch, heads: heads, expected: expected(heads, backend.dialect))
            .map { "after \(last) at \(heads): \($0)" }
        // The stamp and the dropped migrate_version commit together.
        if !heads.isEmpty, try db.tableExists("migrate_version") {
            problems.append("stamped at \(heads) but migrate_version is still there")
        }
        let again = try GlanceManageBinary.run(arguments)
        if again.status != 0 { problems.append("recovery after \(last): \(again)") }
        let recovered = try Migrator(map: GlanceRevisions.map).currentHeads(in: db)
        if recovered != ["2024_1_contract01"] { problems.append("recovered to \(recovered)") }
        problems += finished.differences(from: try FinishedState(scratch)).map { "recovered after \(last): \($0)" }
        return problems
    }

    /// What is wrong with the state a killed `db sync` left at `heads`, whose schema should be `atHeads`.
    /// Where DDL is transactional the live schema must be exactly that. Elsewhere it may also be a state
    /// between two operations of the revision `db sync` applies next (simulated here, compared in full, not
    /// only in the facts the migrator compares), and then `db version` must name that revision and how many
    /// operations are done (the first state that matches), on stderr beside the recorded heads, and
    /// `db check --format json` must report the same.
    static func stateProblems(_ scratch: ScratchDatabase, heads: [String],
                              expected atHeads: Schema) throws -> [String] {
        let db = try scratch.connect()
        let dialect = scratch.backend.dialect
        let live = try db.introspect().excluding(tables: KnownSchemas.versionTables)
        let diff = SchemaDiff(atHeads, live)
        if diff.isEmpty || dialect.hasTransactionalDDL { return diff.isEmpty ? [] : ["\n\(diff)"] }
        let map = GlanceRevisions.map
        let syncOrder = map.upgradePlan(from: heads, to: [try map.head(ofBranch: GlanceRevisions.expandBranch)])
            + map.upgradePlan(from: heads, to: map.heads)
        guard let next = syncOrder.first(where: { !$0.operations(for: dialect).isEmpty }) else { return ["\n\(diff)"] }
        // The revision on its own first, then the step it may be fused into (a state both share is the plain one's).
        var candidates = [(ids: [next.id], operations: next.operations(for: dialect))]
        if let fused = fusedStep(after: next, dialect: dialect) { candidates.append(fused) }
        var found: (ids: [String], operations: [MigrationEngine.Operation], done: Int)?
        for candidate in candidates where found == nil {
            var state = atHeads
            for (i, operation) in candidate.operations.enumerated() where found == nil {
                SchemaSimulator(dialect: dialect).apply(operation, to: &state)
                if SchemaDiff(state, live).isEmpty { found = (candidate.ids, candidate.operations, i + 1) }
            }
        }
        guard let (ids, operations, done) = found else { return ["matches no state of \(next.id):\n\(diff)"] }
        var problems: [String] = []
        let version = try GlanceManageBinary.run(["db", "version", "--connection", scratch.url])
        let note = ids.count == 1
            ? "NOTE: revision \(next.id) is partly applied (\(done) of \(operations.count) operations done"
            : "NOTE: revisions \(ids.joined(separator: " and ")), applied as one step, are partly applied "
                + "(\(done) of \(operations.count) operations done"
        if !version.stderr.hasPrefix(note) { problems.append("db version does not say \"\(note)\": \(version)") }
        // db check asks the same question: checked at each revision's first and last state only.
        guard done == 1 || done == operations.count else { return problems }
        let check = try GlanceManageBinary.run(["db", "check", "--format", "json", "--connection", scratch.url])
        let object = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let partial = object?["partly_applied"] as? [String: Any]
        if partial?["revision"] as? String != next.id || partial?["operations_done"] as? Int != done
            || (partial?["fused_with"] as? [String] ?? []) != Array(ids.dropFirst()) {
            problems.append("db check --format json does not report \(ids) at \(done): \(check)")
        }
        return problems
    }

    /// The one fused step of Glance's chain, written out from the revisions' values rather than asked of
    /// the migrator: where DDL is not transactional and `images` holds rows, `db sync` applies
    /// `ocata_expand01` without making `is_public` nullable, then `ocata_contract01` (which drops it), as one
    /// step, `visibility_image_idx` built by the contract's copy of `images` (Migrator+Fusion.swift).
    static func fusedStep(after next: Revision, dialect: Dialect) -> (ids: [String], operations: [MigrationEngine.Operation])? {
        guard !dialect.hasTransactionalDDL, next.id == GlanceRevisions.ocataExpand01.id else { return nil }
        let visibilityIndex = Index("visibility_image_idx", on: "images", ["visibility"])
        let expand = next.operations(for: dialect).filter { operation in
            if case .createIndex(visibilityIndex) = operation { return false }
            guard case .alterTable("images", let alterations) = operation, alterations.count == 1,
                  case .alterColumn("is_public", _, _, _) = alterations[0] else { return true }
            return false
        }
        let contract = GlanceRevisions.ocataContract01.operations(for: dialect).map { operation in
            guard case .alterTable("images", let alterations) = operation else { return operation }
            return .alterTable("images", alterations + [.addIndex(visibilityIndex)])
        }
        return ([next.id, GlanceRevisions.ocataContract01.id], expand + contract)
    }

    /// A real SIGKILL during a fresh `db sync`, once early (inside the first revision on MySQL) and once late.
    /// The run is killed when its statement log has reached the given length, so the kill lands at a
    /// moment the test does not choose exactly.
    @Test(arguments: TestBackend.all)
    func sigkillDuringAFreshSyncRecovers(_ backend: TestBackend) throws {
        let reference = try backend.makeScratch()
        #expect(try GlanceManageBinary.run(["db", "sync", "--connection", reference.url]).status == 0)
        let finished = try FinishedState(reference)
        for statements in [25, 110] {
            let scratch = try backend.makeScratch()
            let log = StatementLog()
            let process = Process()
            process.executableURL = GlanceManageBinary.url
            process.arguments = ["db", "sync", "--connection", scratch.url]
            process.environment = ProcessInfo.processInfo.environment
                .merging(log.environment(crashAfter: Int.max)) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            while process.isRunning, try log.statements().count < statements { usleep(500) }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let db = try scratch.connect()
            let heads = try Migrator(map: GlanceRevisions.map).currentHeads(in: db)
            let atHeads = SchemaSimulator(dialect: backend.dialect).schema(at: heads, in: GlanceRevisions.map)
            let problems = try Self.stateProblems(scratch, heads: heads, expected: atHeads)
            let sent = try log.statements().count
            #expect(problems.isEmpty, "killed after \(sent) statements at \(heads): \(problems)")
            let again = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
            #expect(again.status == 0, "\(again)")
            #expect(finished.differences(from: try FinishedState(scratch)).isEmpty)
        }
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
        // On MySQL the kill may land inside a revision: a state between two of its operations is right there.
        let problems = try Self.stateProblems(scratch, heads: heads, expected: expected)
        #expect(problems.isEmpty, "killed at \(heads): \(problems)")
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

/// What a finished `db sync` leaves: the catalog, SQLite's stored CREATE text, and the images' visibility.
private struct FinishedState {
    let schema: Schema
    let stored: Set<StoredRow>
    let images: [String]

    init(_ scratch: ScratchDatabase) throws {
        let db = try scratch.connect()
        schema = try db.introspect()
        stored = scratch.backend == .sqlite ? try StoredDDLTests.rows(in: db) : []
        images = try db.query("SELECT id, visibility FROM images ORDER BY id").map { "\($0["id"])=\($0["visibility"])" }
    }

    func differences(from other: FinishedState) -> [String] {
        var found: [String] = []
        let diff = SchemaDiff(schema, other.schema)
        if !diff.isEmpty { found.append("schema:\n\(diff)") }
        let text = stored.symmetricDifference(other.stored)
        if !text.isEmpty { found.append("stored DDL:\n" + text.sorted().map(\.description).joined(separator: "\n")) }
        if images != other.images { found.append("images \(other.images), not \(images)") }
        return found
    }
}

/// Each crash point's problems, recorded from the sweep's workers.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var problems: [Int: [String]] = [:]
    func record(_ k: Int, _ found: [String]) { lock.lock(); problems[k, default: []] += found; lock.unlock() }
    var all: [Int: [String]] { lock.lock(); defer { lock.unlock() }; return problems }
}

/// A temporary file for `GLANCE_BRIDGE_STATEMENT_LOG`, removed with the value.
final class StatementLog {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("statements-\(UUID().uuidString).log").path

    func environment(crashAfter k: Int) -> [String: String] {
        ["GLANCE_BRIDGE_CRASH_AFTER": String(k), "GLANCE_BRIDGE_STATEMENT_LOG": path]
    }

    /// The statements the run sent; none if it sent none (the file is only created by the first).
    func statements() throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        // One line per statement, each ending in a newline (an empty statement is an empty line).
        return try String(contentsOfFile: path, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
