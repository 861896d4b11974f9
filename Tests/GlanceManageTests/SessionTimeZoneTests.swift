import DatabaseCore
import Foundation
import Testing
import TestSupport

/// Glance's columns are naive UTC. An operator whose shell sets `PGTZ` (or whose server's `timezone` is not
/// UTC) must get the same rows and the same purge cut-off as one in UTC.
@Suite struct SessionTimeZoneTests {
    static let tokyo = ["PGTZ": "Asia/Tokyo"]

    static func synced() throws -> (ScratchDatabase, [String]) {
        let scratch = try TestBackend.postgresql.makeScratch()
        let c = ["--connection", scratch.url]
        let r = try GlanceManageBinary.run(c + ["db", "sync"], environment: tokyo)
        #expect(r.status == 0, "\(r)")
        return (scratch, c)
    }

    /// Tasks deleted a little less and a little more than 30 days ago: a cut-off moved by the nine hours
    /// between Tokyo and UTC would take both or neither.
    @Test func purgeCutoffIsUTCUnderPGTZ() throws {
        let (scratch, c) = try Self.synced()
        let fixture = PurgeFixture(database: try scratch.connect())
        try fixture.task("younger", deletedDaysAgo: 30 - 2.0 / 24)
        try fixture.task("older", deletedDaysAgo: 30 + 2.0 / 24)
        let r = try GlanceManageBinary.run(c + ["db", "purge"], environment: Self.tokyo)
        #expect(r.status == 0, "\(r)")
        let left = try scratch.connect().query("SELECT id FROM tasks ORDER BY id").map { $0["id"].description }
        #expect(left == ["younger"])
    }

    @Test func loadedMetadefsAreStampedUTCUnderPGTZ() throws {
        let (scratch, c) = try Self.synced()
        let source = try MetadefSamples.mixedDirectory().path
        let r = try GlanceManageBinary.run(c + ["db", "load_metadefs", "--path", source], environment: Self.tokyo)
        #expect(r.status == 0, "\(r)")
        let stamps = try scratch.connect().query("SELECT created_at FROM metadef_namespaces")
            .map { $0["created_at"].description }
        #expect(!stamps.isEmpty)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        for stamp in stamps {
            let parsed = try #require(formatter.date(from: String(stamp.prefix(19))), "\(stamp)")
            #expect(abs(parsed.timeIntervalSinceNow) < 300, "\(stamp) is not UTC now")
        }
    }
}
