import DatabaseCore
import GlanceRevisions
import LegacyBridge
import MigrationEngine
import Testing
import TestSupport

/// The bridge re-reads both version tables inside its own write transaction, so even two runs that took
/// no lock cannot stamp twice.
@Suite struct BridgeRecheckTests {
    /// Issue 16.1: a plan made before another run bridged and migrated would stamp mitaka02 over head.
    @Test(arguments: TestBackend.all)
    func aPlanMadeBeforeAnotherRunBridgedIsRefusedAndChangesNothing(_ backend: TestBackend) throws {
        let scratch = try Fixtures.legacyDatabase(44, backend)
        let late = try scratch.connect(), early = try scratch.connect()
        let migrator = Migrator(map: GlanceRevisions.map)
        let bridge = Bridge()
        let stale = try Detection.read(late)
        let plan = try bridge.plan(for: late, detection: stale)
        #expect(plan == .stamp(revisions: ["mitaka02"], because: .legacy(44), verified: true))
        let fresh = try Detection.read(early)
        try bridge.apply(try bridge.plan(for: early, detection: fresh), planned: fresh, to: early, migrator: migrator)
        try migrator.upgrade(early, to: "heads")
        let before = try DatabaseSnapshot(scratch)
        #expect(throws: BridgeError.historyChangedUnderneath) {
            try bridge.apply(plan, planned: stale, to: late, migrator: migrator)
        }
        #expect(try DatabaseSnapshot(scratch) == before)
        #expect(try VersionTable().rows(in: late) == ["2024_1_contract01"])
    }
}
