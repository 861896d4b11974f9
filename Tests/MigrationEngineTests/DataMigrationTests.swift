import DatabaseCore
import MigrationEngine
import Testing
import TestSupport

/// Batched data migrations: one committed transaction per batch, progress after each, resumable, and a
/// migration that makes no progress stops instead of looping.
@Suite struct DataMigrationTests {
    static let paint = DataMigration(
        id: "paint",
        pendingQuery: "SELECT EXISTS (SELECT 1 FROM widgets WHERE colour IS NULL)",
        statements: ["UPDATE widgets SET colour = 'red' WHERE colour IS NULL"],
        batching: .init(
            nextKeys: "SELECT id FROM widgets WHERE id > ? AND colour IS NULL ORDER BY id LIMIT ?",
            start: .integer(0),
            remainingCount: "SELECT COUNT(*) FROM widgets WHERE colour IS NULL",
            statements: ["UPDATE widgets SET colour = 'red' WHERE colour IS NULL AND id BETWEEN ? AND ?"]))

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
                            statements: ["UPDATE widgets SET colour = 'red' WHERE id BETWEEN ? AND ? AND 1 = 0"]))
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
                            statements: ["UPDATE widgets SET colour = 'red' WHERE id BETWEEN ? AND ? AND 1 = 0"]))
        #expect(throws: MigrationError.dataMigrationStalled(id: "broken", firstKey: "1")) {
            try broken.run(in: db, batchSize: 10)
        }
    }
}
