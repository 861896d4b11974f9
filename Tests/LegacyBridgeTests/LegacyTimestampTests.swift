import DatabaseCore
import Foundation
import LegacyBridge
import MigrationEngine
import LegacyScripts
import MigrationEngine
import Testing
import TestSupport

/// Rows the legacy scripts seed carry naive UTC in Glance's text form, whatever the session's time zone:
/// Glance's 035 stamped its five resource types with `timeutils.utcnow()`; the reference dumps show
/// `2026-11-24 18:59:09.273613` on SQLite.
@Suite struct LegacyTimestampTests {
    /// Seconds between a stored naive timestamp, read as UTC, and `date`.
    static func distance(_ stored: String, from date: Date) throws -> TimeInterval {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let parsed = try #require(formatter.date(from: String(stored.prefix(19))), "not a timestamp: \(stored)")
        return abs(parsed.timeIntervalSince(date))
    }

    static func resourceTypeStamps(_ db: any Database) throws -> [String] {
        try db.query("SELECT created_at, updated_at FROM metadef_resource_types ORDER BY id").flatMap {
            [$0["created_at"].description, $0["updated_at"].description]
        }
    }

    /// SQLAlchemy's SQLite text: six fraction digits, always.
    static func hasGlanceSQLiteForm(_ stamp: String) -> Bool {
        stamp.range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$"#, options: .regularExpression) != nil
    }

    @Test(arguments: TestBackend.all)
    func legacy035SeedsNaiveUTCInAnyTimeZone(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try LegacyMigrator().versionControl(db)
        try WriteTransaction.run(on: db) { _ = try LegacyMigrator().upgrade($0, from: 0, to: 34) }
        if backend == .postgresql { try db.executeScript("SET TIME ZONE 'Asia/Tokyo'") }
        try WriteTransaction.run(on: db) { _ = try LegacyMigrator().upgrade($0, from: 34, to: 35) }
        let stamps = try Self.resourceTypeStamps(try scratch.connect())
        #expect(stamps.count == 10)
        #expect(Set(stamps).count == 1, "one utcnow() for all five rows: \(stamps)")
        for stamp in stamps {
            #expect(try Self.distance(stamp, from: Date()) < 300, "\(stamp) is not UTC now on \(backend)")
            if backend == .sqlite { #expect(Self.hasGlanceSQLiteForm(stamp), "\(stamp)") }
        }
    }

    /// The real case: `db sync` carrying an Icehouse database while the operator's shell has `PGTZ` set.
    @Test func syncFromIcehouseUnderPGTZWritesUTC() throws {
        let scratch = try OldLegacyBridgeTests.database(atLegacyVersion: 34, .postgresql) { _ in }
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url],
                                           environment: ["PGTZ": "Asia/Tokyo"])
        #expect(r.status == 0, "\(r)")
        let stamps = try Self.resourceTypeStamps(try scratch.connect())
        #expect(stamps.count == 10)
        for stamp in stamps {
            #expect(try Self.distance(stamp, from: Date()) < 300, "\(stamp) is not UTC now")
        }
    }
}
