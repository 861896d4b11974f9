import DatabaseCore
import Foundation
import GlanceRevisions
import LegacyBridge
import MigrationEngine
import Testing
import TestSupport

/// `db version` beside a running bridge (issue 16.5): both version tables are read in one snapshot, so a
/// poll sees the database before the bridge's commit or after it, and never fails.
@Suite struct DetectionSnapshotTests {
    /// Not on MySQL: there the bridge's stamp is not one atomic change (creating `alembic_version` and
    /// dropping `migrate_version` each commit), so a poll may see both tables for a moment, which Detection
    /// reads as Alembic with a legacy leftover (and this writer's own reset passes through an empty
    /// `migrate_version`).
    @Test(arguments: TestBackend.transactionalDDL)
    func pollsBesideARepeatedBridgeAlwaysSeeOneSide(_ backend: TestBackend) throws {
        let scratch = try Fixtures.legacyDatabase(44, backend)
        let reader = try scratch.connect()
        let stop = Flag()
        let bridges = Counter()
        let failure = Box()
        // The writer bridges for real, then puts the legacy table back, over and over.
        let thread = Thread {
            do {
                let writer = try scratch.connect()
                let migrator = Migrator(map: GlanceRevisions.map)
                while !stop.isSet {
                    let detection = try Detection.read(writer)
                    try Bridge().apply(.stamp(revisions: ["mitaka02"], because: .legacy(44), verified: true),
                                       planned: detection, to: writer, migrator: migrator)
                    try writer.inTransaction {
                        try LegacyMigrator().versionControl(writer, version: 44)
                        try writer.execute("DROP TABLE alembic_version")
                    }
                    bridges.add()
                }
            } catch {
                failure.set("writer: \(error)")
            }
            stop.done.signal()
        }
        thread.start()
        var polls = 0, failures: [String] = []
        while polls < 600 || bridges.value < 20, polls < 20_000, failure.value == nil {
            polls += 1
            do {
                let seen = try Detection.readConsistently(reader)
                let before = seen.legacyVersion == 44 && seen.alembicRows.isEmpty
                let after = seen.legacyVersion == nil && seen.alembicRows == ["mitaka02"]
                if !before && !after { failures.append("poll \(polls): legacy \(String(describing: seen.legacyVersion)), alembic \(seen.alembicRows)") }
            } catch {
                failures.append("poll \(polls): \(error)")
            }
        }
        stop.set()
        stop.done.wait()
        #expect(failure.value == nil, "\(failure.value ?? "")")
        #expect(bridges.value >= 20, "only \(bridges.value) bridges ran beside \(polls) polls")
        #expect(failures.isEmpty, "\(failures.count) of \(polls) polls failed: \(failures.prefix(3))")
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    let done = DispatchSemaphore(value: 0)
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

private final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    func set(_ text: String) { lock.lock(); stored = text; lock.unlock() }
    var value: String? { lock.lock(); defer { lock.unlock() }; return stored }
}
