import DatabaseCore
import Foundation
import Testing
import TestSupport

extension GaleraTests {
    /// The node a `db sync` runs through is killed (SIGKILL of its mariadbd) in the middle of the sync; the
    /// rerun through another node waits out the dead run's lease, completes with every row and the visibility
    /// the data migration gives it, and the dead node rejoins by state transfer and agrees.
    ///
    /// The images are written at an intermediate revision (ocata_expand01, before its data migration), and
    /// the node dies while the sync waits on a row lock before pike_expand01's version update, a revision
    /// boundary (the legacy-44 variant, `GaleraTests+LegacyFault.swift`, kills inside revisions).
    @Test func killingTheMigratingNodeMidSyncThenRerunningThroughAnother() throws {
        let cluster = try GaleraTestCluster.current()
        let db = try cluster.makeDatabase()
        var r = try GlanceManageBinary.run(["db", "upgrade", "--version", "ocata_expand01", "--connection",
                                            db.url(node: 1)])
        #expect(r.status == 0, "\(r)")
        let writer = try db.connect(node: 1)
        var expected: [String: String] = [:]
        for i in 0..<30 {
            let id = String(format: "img-%02d", i)
            try RollingUpgradeTests.insertOld(writer, id, isPublic: i % 3 == 0)
            expected[id] = i % 3 == 0 ? "public" : "private"
        }
        for (member, image, deleted) in [(1, "img-01", false), (2, "img-02", true), (3, "img-04", false)] {
            try writer.execute("""
                INSERT INTO image_members (id, image_id, member, can_share, created_at, deleted, status)
                VALUES (?, ?, 'tenant', TRUE, \(RollingUpgradeTests.now), ?, 'accepted')
                """, [.integer(Int64(member)), .text(image), .integer(deleted ? 1 : 0)])
            if !deleted { expected[image] = "shared" }
        }

        let blocker = try db.connect(node: 1)
        try blocker.executeScript("START TRANSACTION")
        _ = try blocker.query("SELECT version_num FROM alembic_version FOR UPDATE")
        let sync = Background(["db", "sync", "--connection", db.url(node: 1)], environment: Self.lease)
        let observer = try db.connect(node: 1)
        try waitFor("the sync to wait on the version row") {
            try !observer.query("""
                SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND TIME_MS > 300
                AND INFO LIKE 'UPDATE `alembic_version`%'
                """).isEmpty
        }
        try cluster.killNode(1)
        var restarted = false
        defer { if !restarted { try? cluster.restartNode(1) } }
        let died = try sync.wait()
        #expect(died.status == 1, "\(died)")
        #expect(died.stderr.contains("Running upgrade ocata_expand01 -> pike_expand01"), "\(died)")

        r = try GlanceManageBinary.run(["db", "sync", "--connection", db.url(node: 2)], environment: Self.lease)
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.hasPrefix("Another glance-manage holds the migration lock on "), "\(r)")
        #expect(r.stdoutLines.last == "Database is synced successfully.", "\(r)")
        #expect(r.stderr.contains("Running upgrade ocata_expand01 -> pike_expand01"), "\(r)")

        try cluster.restartNode(1)
        restarted = true
        try expectHead(db)
        try Self.expectNodesAgree(db, columns: "id, visibility", "after node 1 rejoined")
        var found: [String: String] = [:]
        for row in try db.connect(node: 1).query("SELECT id, visibility FROM images") {
            found[row["id"].stringValue ?? ""] = row["visibility"].stringValue
        }
        #expect(found == expected)
    }
}
