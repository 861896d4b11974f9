import DatabaseCore
import MigrationEngine
import Testing
import TestSupport

/// Batched data migrations: one committed transaction per batch, progress after each, resumable, and a
/// migration that makes no progress stops instead of looping.
@Suite struct DataMigrationTests {
    static let keys = DataMigration.Batching.keys
    static let paint = DataMigration(
        id: "paint",
        pendingQuery: "SELECT EXISTS (SELECT 1 FROM widgets WHERE colour IS NULL)",
        statements: ["UPDATE widgets SET colour = 'red' WHERE colour IS NULL"],
        batching: .init(
            nextKeys: "SELECT id FROM widgets WHERE id > ? AND colour IS NULL ORDER BY id LIMIT ?",
            start: .integer(0),
            remainingCount: "SELECT COUNT(*) FROM widgets WHERE colour IS NULL",
            statements: ["UPDATE widgets SET colour = 'red' WHERE colour IS NULL AND id IN \(keys)"]))

    /// A scratch database (keep it alive: it is dropped when released) with `count` unpainted widgets.
    static func widgets(_ backend: TestBackend, count: Int) throws -> ScratchDatabase {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try Migrator(map: try RevisionMap(widgetRevisions)).upgrade(db, to: "r2")
        for i in 1...count {
            try db.execute("INSERT INTO widgets (id, name, active) VALUES (?, ?, TRUE)", [.integer(Int64(i)), .text("w\(i)")])
        }
        return scratch
    }

    @Test(arguments: TestBackend.all)
    func batchesCommitOneAtATimeAndReportProgress(_ backend: TestBackend) throws {
        let scratch = try Self.widgets(backend, count: 25)
        let db = try scratch.connect()
        var seen: [DataMigration.Progress] = []
        #expect(try Self.paint.run(in: db, batchSize: 10) { seen.append($0) } == 25)
        #expect(seen.map(\.batch) == [1, 2, 3])
        #expect(seen.map(\.rowsChanged) == [10, 20, 25])
        #expect(seen.allSatisfy { $0.rowsPendingAtStart == 25 && $0.migration == "paint" })
        #expect(try !Self.paint.isPending(in: db))
    }

    @Test(arguments: TestBackend.all)
    func anInterruptedRunResumesWithWhatIsLeft(_ backend: TestBackend) throws {
        let scratch = try Self.widgets(backend, count: 25)
        let db = try scratch.connect()
        let first = try #require(try Self.paint.runBatch(in: db, size: 10))
        #expect(first.rows == 10)
        #expect(first.range.0.intValue == 1 && first.range.1.intValue == 10)
        #expect(try Self.paint.isPending(in: db))
        #expect(try Self.paint.run(in: db, batchSize: 10) == 15)
        #expect(try Self.paint.runBatch(in: db, size: 10) == nil)
    }

    /// A batch larger than one statement's share of keys runs each statement once per slice, still in one
    /// transaction, and changes every row of the batch.
    @Test(arguments: TestBackend.all)
    func aBatchLargerThanOneStatementsKeysRunsInSlices(_ backend: TestBackend) throws {
        let count = DataMigration.Batching.keysPerStatement * 2 + 5
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try Migrator(map: try RevisionMap(widgetRevisions)).upgrade(db, to: "r2")
        try WriteTransaction.run(on: db) { _ in
            for i in 1...count {
                try db.execute("INSERT INTO widgets (id, name, active) VALUES (?, ?, TRUE)",
                               [.integer(Int64(i)), .text("w\(i)")])
            }
        }
        let batch = try #require(try Self.paint.runBatch(in: db, size: count))
        #expect(batch.rows == count)
        #expect(batch.range.0.intValue == 1 && batch.range.1.intValue == Int64(count))
        #expect(try !Self.paint.isPending(in: db))
    }

    /// A batch locks only its own rows, not every row between its first and last key: on Galera a write
    /// applied from another node to a row it merely scanned (or into a gap between its rows) aborts it, and
    /// writers busy in that key range made every retry of one batch lose (the rolling-upgrade flake). Here
    /// the write is held open by another session on a row between two pending ones, and the migrating
    /// session does not wait for locks at all: a batch that touches the held row fails at once, every time.
    @Test func aBatchLocksOnlyItsOwnRows() throws {
        let scratch = try Self.widgets(.mysql, count: 3)
        let writer = try scratch.connect()
        try writer.execute("UPDATE widgets SET colour = 'blue' WHERE id = 2")
        try writer.begin()
        #expect(try writer.execute("UPDATE widgets SET name = 'held' WHERE id = 2") == 1)
        defer { try? writer.rollback() }
        let db = try scratch.connect()
        try db.executeScript("SET SESSION innodb_lock_wait_timeout = 0")
        let batch = try #require(try Self.paint.runBatch(in: db, size: 10))
        #expect(batch.rows == 2)
        let painted = try db.query("SELECT id FROM widgets WHERE colour = 'red' ORDER BY id")
        #expect(painted.map { $0.values[0].intValue } == [1, 3])
    }

    @Test(arguments: TestBackend.all)
    func unbatchedMigrationRunsInOneTransaction(_ backend: TestBackend) throws {
        let scratch = try Self.widgets(backend, count: 5)
        let db = try scratch.connect()
        let whole = DataMigration(id: "whole", pendingQuery: Self.paint.pendingQuery, statements: Self.paint.statements)
        var batches = 0
        #expect(try whole.run(in: db, batchSize: 2) { _ in batches += 1 } == 5)
        #expect(batches == 0)
    }

    /// Batches that change nothing still move the cursor on, so the run ends (rows stay pending).
    @Test(arguments: TestBackend.all)
    func batchesThatChangeNothingStillEnd(_ backend: TestBackend) throws {
        let scratch = try Self.widgets(backend, count: 3)
        let db = try scratch.connect()
        let idle = DataMigration(
            id: "idle", pendingQuery: Self.paint.pendingQuery, statements: [],
            batching: .init(nextKeys: Self.paint.batching!.nextKeys, start: .integer(0), remainingCount: Self.paint.batching!.remainingCount,
                            statements: ["UPDATE widgets SET colour = 'red' WHERE id IN \(Self.keys) AND 1 = 0"]))
        #expect(try idle.run(in: db, batchSize: 2) == 0)
        #expect(try idle.isPending(in: db))
    }

    /// A key query that ignores the cursor would hand back the same rows for ever: the run stops.
    @Test(arguments: TestBackend.all)
    func aKeyQueryThatIgnoresTheCursorStops(_ backend: TestBackend) throws {
        let scratch = try Self.widgets(backend, count: 3)
        let db = try scratch.connect()
        let broken = DataMigration(
            id: "broken", pendingQuery: Self.paint.pendingQuery, statements: [],
            batching: .init(nextKeys: "SELECT id FROM widgets WHERE id > ? - 1000 AND colour IS NULL ORDER BY id LIMIT ?", start: .integer(0),
                            remainingCount: Self.paint.batching!.remainingCount,
                            statements: ["UPDATE widgets SET colour = 'red' WHERE id IN \(Self.keys) AND 1 = 0"]))
        #expect(throws: MigrationError.dataMigrationStalled(id: "broken", firstKey: "1")) {
            try broken.run(in: db, batchSize: 10)
        }
    }
}
