import DatabaseCore
import Foundation
import GlanceData
import Testing
import TestSupport

@Suite struct PurgerTests {
    /// Glance's `DBPurgeTests` fixture: three images and three tasks; #1 deleted 3 days ago, #2 deleted now,
    /// #3 live. Every image keeps a live location, so no image can go.
    func glanceFixture(_ db: any Database) throws -> PurgeFixture {
        let fixture = PurgeFixture(database: db)
        for (n, deleted) in [(1, 3.0), (2, 0.0), (3, nil)] as [(Int, Double?)] {
            try fixture.image("image-\(n)", deletedDaysAgo: deleted)
            try fixture.child("image_locations", image: "image-\(n)", deletedDaysAgo: nil)
            try fixture.child("image_properties", image: "image-\(n)", deletedDaysAgo: deleted)
            try fixture.task("task-\(n)", deletedDaysAgo: deleted)
        }
        return fixture
    }

    @Test(arguments: TestBackend.all)
    func purgeRemovesOldRowsAndTheirTaskInfoButNoImages(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        let fixture = try glanceFixture(db)
        let log = LogRecorder()
        let deleted = try Purger(database: db, log: log.sink)
            .purgeDeletedRows(PurgeRequest(ageInDays: 1, maxRows: 5, now: Date()))
        #expect(deleted == ["task_info": 1, "image_properties": 1, "image_tags": 0, "image_locations": 0,
                            "image_members": 0, "tasks": 1])
        #expect(try fixture.count("images") == 3)
        #expect(try fixture.count("tasks") == 2)
        #expect(try fixture.count("task_info") == 2)
        #expect(try fixture.count("image_properties") == 2)
        #expect(log.lines.filter { $0.contains("Purging") }.map { $0.split(separator: " ").last! } ==
                ["task_info", "image_properties", "image_tags", "image_locations", "image_members", "tasks"])
        #expect(log.contains(.info, "Purging deleted rows older than 1 day(s) from table tasks"))
        #expect(log.contains(.info, "Deleted 1 row(s) from table task_info"))
    }

    @Test(arguments: TestBackend.all)
    func imagesGoOnceNothingReferencesThem(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        let fixture = try glanceFixture(db)
        try db.execute("DELETE FROM image_locations")
        let request = try PurgeRequest(ageInDays: 1, maxRows: 5, now: Date())
        let purger = Purger(database: db, log: { _, _ in })
        try purger.purgeDeletedRows(request)
        #expect(try purger.purgeImages(request) == 1)
        #expect(try fixture.count("images") == 2)
        #expect(try fixture.count("tasks") == 2)
    }

    /// oslo.db's DBReferenceError: an old deleted image still tagged by a live row. The batch holding it is
    /// rolled back, so the unreferenced image in the same batch stays too. Foreign keys are switched on for
    /// SQLite and the connection's setting is restored afterwards.
    @Test(arguments: TestBackend.all)
    func aReferencedImageFailsThePurgeAndItsBatchIsRolledBack(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        let fixture = PurgeFixture(database: db)
        try fixture.image("referenced", deletedDaysAgo: 15)
        try fixture.child("image_tags", image: "referenced", deletedDaysAgo: nil)
        try fixture.image("free", deletedDaysAgo: 14)
        let log = LogRecorder()
        #expect(throws: PurgeError.self) {
            try Purger(database: db, log: log.sink).purgeImages(PurgeRequest(ageInDays: 10, maxRows: 50, now: Date()))
        }
        #expect(try fixture.count("images") == 2)
        #expect(log.contains(.error, "DBError detected when purging from images: "))
        if backend == .sqlite {
            #expect(try db.query("PRAGMA foreign_keys").first?[0].intValue == 0)
        }
        do {
            try Purger(database: db, log: { _, _ in }).purgeImages(PurgeRequest(ageInDays: 10, maxRows: 50, now: Date()))
        } catch {
            #expect("\(error)" == "Purge command failed, check glance-manage logs for more details.")
        }
    }

    /// Batches of `batchSize`, each its own transaction, until `maxRows` are gone (-1: all).
    @Test(arguments: TestBackend.all)
    func largePurgesRunInBatchesUpToMaxRows(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        let fixture = PurgeFixture(database: db)
        try fixture.image("i", deletedDaysAgo: nil)
        for n in 0..<7 { try fixture.child("image_members", image: "i", deletedDaysAgo: 40 + Double(n), number: n) }
        try fixture.child("image_members", image: "i", deletedDaysAgo: 29, number: 99)
        let purger = Purger(database: db, batchSize: 3, log: { _, _ in })

        #expect(try purger.purgeDeletedRows(PurgeRequest(ageInDays: 30, maxRows: 0, now: Date()))["image_members"] == 0)
        #expect(try purger.purgeDeletedRows(PurgeRequest(ageInDays: 30, maxRows: 4, now: Date()))["image_members"] == 4)
        // The oldest went first.
        #expect(try db.query("SELECT member FROM image_members ORDER BY member").map { $0["member"].stringValue! } ==
                ["m0", "m1", "m2", "m99"])
        #expect(try purger.purgeDeletedRows(PurgeRequest(ageInDays: 30, maxRows: -1, now: Date()))["image_members"] == 3)
        #expect(try db.query("SELECT member FROM image_members").map { $0["member"].stringValue! } == ["m99"])
    }

    @Test(arguments: TestBackend.all)
    func aDatabaseWithoutGlanceTablesIsRefused(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        do {
            try Purger(database: db, log: { _, _ in }).purgeDeletedRows(PurgeRequest(ageInDays: 1, maxRows: 1, now: Date()))
            Issue.record("purged an empty database")
        } catch {
            #expect("\(error)" == "ERROR: the database has no Glance image and task tables; run glance-manage db sync first")
        }
    }
}
