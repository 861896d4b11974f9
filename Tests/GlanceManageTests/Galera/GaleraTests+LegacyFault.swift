import DatabaseCore
import Foundation
import GlanceRevisions
import LegacyBridge
import Testing
import TestSupport

extension GaleraTests {
    /// Issue 14's fault on a legacy database: Glance's own legacy-44 MariaDB schema with images (`is_public`
    /// rows and memberships) is synced through node 1, whose mariadbd is SIGKILLed once the sync has sent
    /// `killAfter` statements (wherever that lands: the stamp or a revision half applied). The rerun through
    /// node 2 waits out the dead run's lease, carries on from what the schema says was done, and ends at head
    /// with every row and the visibility Glance's rule gives it; node 1 rejoins by state transfer and agrees.
    @Test(arguments: [25, 60])
    func killingTheNodeMidLegacySyncThenRerunningThroughAnother(killAfter: Int) throws {
        let cluster = try GaleraTestCluster.current()
        let db = try cluster.makeDatabase()
        let writer = try db.connect(node: 1)
        try Fixtures.load("legacy44-mariadb.sql", into: writer)
        try writer.execute("""
            INSERT INTO migrate_version (repository_id, repository_path, version)
            VALUES ('Glance Migrations', '/usr/lib/python3/dist-packages/glance/db/sqlalchemy/migrate_repo', 44)
            """)
        var expected: [String: String] = [:]
        for i in 0..<30 {
            let id = String(format: "img-%02d", i)
            try writer.execute("""
                INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram, protected)
                VALUES (?, 'active', ?, '2016-01-01 00:00:00', FALSE, 0, 0, FALSE)
                """, [.text(id), .integer(i % 3 == 0 ? 1 : 0)])
            expected[id] = i % 3 == 0 ? "public" : "private"
        }
        for (image, deleted) in [("img-01", false), ("img-02", true), ("img-04", false)] {
            try writer.execute("""
                INSERT INTO image_members (image_id, member, can_share, created_at, deleted, status)
                VALUES (?, 'tenant', TRUE, '2016-01-01 00:00:00', ?, 'accepted')
                """, [.text(image), .integer(deleted ? 1 : 0)])
            if !deleted { expected[image] = "shared" }
        }

        let log = StatementLog()
        let sync = Process()
        sync.executableURL = GlanceManageBinary.url
        sync.arguments = ["db", "sync", "--connection", db.url(node: 1)]
        sync.environment = ProcessInfo.processInfo.environment.merging(Self.lease) { $1 }
            .merging(log.environment(crashAfter: Int.max)) { $1 }
        sync.standardOutput = FileHandle.nullDevice
        sync.standardError = FileHandle.nullDevice
        try sync.run()
        while sync.isRunning, try log.statements().count < killAfter { usleep(500) }
        try cluster.killNode(1)
        var restarted = false
        defer { if !restarted { try? cluster.restartNode(1) } }
        sync.waitUntilExit()
        let sent = try log.statements().count
        #expect(sync.terminationStatus != 0, "the sync ended (\(sent) statements) before node 1 was killed")

        let r = try GlanceManageBinary.run(["db", "sync", "--connection", db.url(node: 2)], environment: Self.lease)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines.last == "Database is synced successfully.", "\(r)")
        try cluster.restartNode(1)
        restarted = true

        try db.cluster.waitUntilApplied()
        let residue = KnownSchemas(dialect: .mysql).legacyDifferences(44, carriedTo: GlanceRevisions.map.heads)
        for node in 1...3 {
            let connection = try db.connect(node: node)
            #expect(try connection.query("SELECT version_num FROM alembic_version").map { $0["version_num"] }
                    == ["2024_1_contract01"], "node \(node)")
            // Glance's head, but for what a bridged legacy 44 keeps and lacks (computed from the scripts).
            let live = try connection.introspect().excluding(tables: KnownSchemas.versionTables)
            let diff = SchemaDiff(try Self.referenceHead().excluding(tables: KnownSchemas.versionTables), live)
            #expect(diff.onlyInFirst == residue.alembicOnlyFacts, "node \(node): \(residue.alembicOnlyFacts)")
            #expect(diff.onlyInSecond == residue.legacyOnlyFacts, "node \(node): \(residue.legacyOnlyFacts)")
            let check = try GlanceManageBinary.run(["db", "check", "--connection", db.url(node: node)])
            #expect(check.status == 0, "node \(node): \(check)")
        }
        try Self.expectNodesAgree(db, columns: "id, visibility", "after node 1 rejoined")
        var found: [String: String] = [:]
        for row in try db.connect(node: 1).query("SELECT id, visibility FROM images") {
            found[row["id"].stringValue ?? ""] = row["visibility"].stringValue
        }
        #expect(found == expected)
    }
}
