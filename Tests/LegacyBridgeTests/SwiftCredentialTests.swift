import DatabaseCore
import Foundation
import LegacyBridge
import MigrationEngine
import LegacyScripts
import MigrationEngine
import Testing
import TestSupport

/// Legacy 015 against what Glance's own `legacy_parse_uri` makes of each location
/// (`Fixtures/legacy/swift-locations.jsonl`, written by `make-swift-vectors.py` from Glance's 015).
@Suite struct SwiftCredentialTests {
    struct Vector {
        let location: String
        /// Glance's rewrite, or nil where Glance's 015 raised.
        let result: String?
    }

    static func vectors() throws -> [Vector] {
        try Fixtures.text("legacy/swift-locations.jsonl").split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            return Vector(location: try #require(object["location"]), result: object["result"])
        }
    }

    /// A database built by our legacy scripts up to 014, the version 015 starts from.
    static func legacy14(_ backend: TestBackend) throws -> (ScratchDatabase, any Database) {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try LegacyMigrator().versionControl(db)
        try WriteTransaction.run(on: db) { _ = try LegacyMigrator().upgrade($0, from: 0, to: 14) }
        return (scratch, db)
    }

    static func insertImage(_ db: any Database, id: String, location: String) throws {
        try db.execute("""
            INSERT INTO images (id, name, status, is_public, location, created_at, deleted, min_disk, min_ram)
            VALUES (?, 'image', 'active', TRUE, ?, '2012-09-21 10:00:00', FALSE, 0, 0)
            """, [.text(id), .text(location)])
    }

    /// Whether the database's LIKE 'swift%' selects the location, which is how Glance's
    /// `startswith('swift')` reached it: SQLite's LIKE ignores ASCII case, and so does MySQL's under the
    /// `utf8_general_ci` collation of Glance's tables; PostgreSQL's does not.
    static func selected(_ location: String, on backend: TestBackend) -> Bool {
        backend == .postgresql ? location.hasPrefix("swift") : location.lowercased().hasPrefix("swift")
    }

    @Test(arguments: TestBackend.all)
    func everyLocationGlanceRewritesIsRewrittenTheSame(_ backend: TestBackend) throws {
        let (scratch, db) = try Self.legacy14(backend)
        _ = scratch
        let good = try Self.vectors().filter { $0.result != nil }
        #expect(good.contains { $0.location.hasPrefix("swift:///") }, "the Python 2.6 form is covered")
        #expect(good.contains { $0.location.hasPrefix("SWIFT://") }, "an upper-case scheme is covered")
        for (index, vector) in good.enumerated() {
            try Self.insertImage(db, id: "image-\(index)", location: vector.location)
        }
        try WriteTransaction.run(on: db) { _ = try LegacyMigrator().upgrade($0, from: 14, to: 15) }
        for (index, vector) in good.enumerated() {
            let stored = try db.query("SELECT location FROM images WHERE id = ?", [.text("image-\(index)")])
            let expected = Self.selected(vector.location, on: backend) ? vector.result : vector.location
            #expect(stored.first?["location"].stringValue == expected, "\(vector.location) on \(backend)")
        }
    }

    @Test(arguments: TestBackend.all)
    func aLocationGlanceFailsOnRefusesTheUpgradeAndChangesNothing(_ backend: TestBackend) throws {
        let (scratch, db) = try Self.legacy14(backend)
        _ = scratch
        try Self.insertImage(db, id: "image-good", location: "swift://user:key!@auth.example.com/v1/container/obj")
        for vector in try Self.vectors() where vector.result == nil && Self.selected(vector.location, on: backend) {
            try Self.insertImage(db, id: "image-bad", location: vector.location)
            #expect(throws: BridgeError.self, "\(vector.location)") {
                try WriteTransaction.run(on: db) { _ = try LegacyMigrator().upgrade($0, from: 14, to: 15) }
            }
            let refusal = try #require(try LegacyMigrator().refusals(in: db, from: 14, to: 15).first)
            #expect(refusal.hasPrefix("legacy 015 cannot quote the swift credentials of image image-bad: "))
            #expect(!refusal.contains("key") && !refusal.contains("pass"), "credentials never appear: \(refusal)")
            #expect(try LegacyVersionTable.version(in: db) == 14)
            let kept = try db.query("SELECT location FROM images WHERE id = 'image-good'").first?["location"]
            #expect(kept?.stringValue == "swift://user:key!@auth.example.com/v1/container/obj")
            try db.execute("DELETE FROM images WHERE id = 'image-bad'")
        }
    }

    /// The real case: an Essex database (integer ids, locations still on `images`) carried by `db sync` to
    /// head; each location ends up in `image_locations` as Glance's 015 left it.
    @Test(arguments: TestBackend.all)
    func syncFromEssexCarriesEveryLocationAsGlanceDid(_ backend: TestBackend) throws {
        let good = try Self.vectors().filter { $0.result != nil }
        let others = ["file:///var/lib/glance/images/1", "http://images.example.com/cirros.img"]
        let locations = good.map(\.location) + others
        let scratch = try OldLegacyBridgeTests.database(atLegacyVersion: 10, backend) { db in
            for (index, location) in locations.enumerated() {
                try db.execute("""
                    INSERT INTO images (id, name, status, is_public, location, created_at, deleted, min_disk, min_ram)
                    VALUES (?, ?, 'active', TRUE, ?, '2012-03-01 10:00:00', FALSE, 0, 0)
                    """, [.integer(Int64(index + 1)), .text("image-\(index)"), .text(location)])
            }
        }
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        let db = try scratch.connect()
        for (index, location) in locations.enumerated() {
            let rows = try db.query("""
                SELECT l.value FROM image_locations l JOIN images i ON i.id = l.image_id WHERE i.name = ?
                """, [.text("image-\(index)")])
            let glance = good.first { $0.location == location }?.result
            let expected = glance.flatMap { Self.selected(location, on: backend) ? $0 : nil } ?? location
            #expect(rows.map { $0["value"].stringValue } == [expected], "\(location) on \(backend)")
        }
    }
}
