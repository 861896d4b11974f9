import DatabaseCore
import Foundation
import LegacyBridge
import MySQLDriver
import Testing
import TestSupport

/// `glance-manage` on a real three-node MariaDB Galera cluster (`scripts/galera-test-cluster`, started by
/// scripts/test): knowing the cluster, the migration lock across nodes, a rolling upgrade through three nodes,
/// and a node killed under a migration. One cluster for every test, each on a database of its own; serialised,
/// since one test kills a node and another desyncs one. The lease is short so that lost holders free quickly.
@Suite(.serialized) struct GaleraTests {
    static let lease = ["GLANCE_BRIDGE_GALERA_LEASE_SECONDS": "2"]
    static let upToDate = "Database is up to date. No migrations needed."

    /// The schema every node must end with: Glance's own MariaDB head dump (reference), read back.
    static func referenceHead() throws -> Schema { try Fixtures.referenceHeadSchema(.mysql) }

    /// Each node's Glance schema (the lock table and version tables aside) and rows of `table`, in id order.
    static func expectNodesAgree(_ db: GaleraDatabase, table: String = "images", columns: String = "*",
                                 _ comment: Comment) throws {
        var schemas: [Schema] = [], rows: [[Row]] = []
        try db.cluster.waitUntilApplied()
        for node in 1...3 {
            let connection = try db.connect(node: node)
            schemas.append(try connection.introspect().excluding(tables: KnownSchemas.versionTables))
            rows.append(try connection.query("SELECT \(columns) FROM \(table) ORDER BY id"))
        }
        #expect(SchemaDiff(schemas[0], schemas[1]).isEmpty && SchemaDiff(schemas[0], schemas[2]).isEmpty, comment)
        #expect(rows[0] == rows[1] && rows[0] == rows[2], comment)
    }

    // MARK: - Knowing the cluster

    @Test func detectShowsTheNodeAndTheCluster() throws {
        let cluster = try GaleraTestCluster.current()
        let db = try cluster.makeDatabase()
        let text = try GlanceManageBinary.run(["db", "detect", "--connection", db.url(node: 2)])
        #expect(text.status == 0, "\(text)")
        // The reference transcript's nodes: cluster_size=3 state=Synced wsrep_OSU_method=TOI.
        #expect(text.stdoutLines.first
                == "cluster: Galera, 3 node(s); this node node2: Synced, Primary component, schema changes by TOI")
        let json = try GlanceManageBinary.run(["db", "detect", "--format", "json", "--connection", db.url(node: 3)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let node = try #require(object["cluster"] as? [String: Any], "\(json)")
        #expect(node["product"] as? String == "Galera" && node["size"] as? Int == 3 && node["node"] as? String == "node3")
        #expect(node["node_state"] as? String == "Synced" && node["component"] as? String == "Primary")
        #expect(node["schema_change_method"] as? String == "TOI" && node["writes_refused"] is NSNull)
    }

    /// A node that is not Synced (here a donor, desynced by hand) refuses a writing command with one line,
    /// before anything is written: not a table, not the lock's row. Reading commands still run.
    @Test func aNodeThatIsNotSyncedRefusesWritingCommands() throws {
        let cluster = try GaleraTestCluster.current()
        let db = try cluster.makeDatabase()
        let admin = try cluster.connect(node: 3)
        try admin.executeScript("SET GLOBAL wsrep_desync = ON")
        defer {
            try? admin.executeScript("SET GLOBAL wsrep_desync = OFF")
            try? cluster.waitUntilSynced()
        }
        for command in [["db", "sync"], ["db", "expand"], ["db", "upgrade"], ["db", "version_control"]] {
            let r = try GlanceManageBinary.run(command + ["--connection", db.url(node: 3)])
            #expect(r.status == 1, "\(command): \(r)")
            #expect(r.stderr == "ERROR: Galera node node3 is not Synced (wsrep_local_state_comment=Donor/Desynced); "
                    + "run this through a Synced node (nothing was changed)\n", "\(command): \(r)")
            #expect(r.stdout.isEmpty)
        }
        #expect(try db.connect(node: 1).tableNames().isEmpty)
        #expect(try db.connect(node: 1).query(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", [.text(db.name)]).isEmpty)
        let detect = try GlanceManageBinary.run(["db", "detect", "--format", "json", "--connection", db.url(node: 3)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(detect.stdout.utf8)) as? [String: Any])
        let refusal = (object["cluster"] as? [String: Any])?["writes_refused"] as? String
        #expect(refusal?.hasPrefix("Galera node node3 is not Synced") == true, "\(detect)")
    }

    /// Before a schema change of a table with many rows, stderr says that it blocks every node and how many
    /// rows it touches (ocata_expand01 adds visibility to images, and an index on it).
    @Test func aLongSchemaChangeSaysItBlocksEveryNode() throws {
        let db = try GaleraTestCluster.current().makeDatabase()
        var r = try GlanceManageBinary.run(["db", "upgrade", "--version", "mitaka02", "--connection", db.url(node: 1)])
        #expect(r.status == 0, "\(r)")
        #expect(!r.stderr.contains("WARNING"), "\(r)")
        try db.connect(node: 1).execute("""
            INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram)
            SELECT CONCAT('img-', seq), 'active', seq % 2, '2026-01-01 00:00:00', FALSE, 0, 0 FROM seq_1_to_12000
            """)
        r = try GlanceManageBinary.run(["db", "expand", "--connection", db.url(node: 2)])
        #expect(r.status == 0, "\(r)")
        let warning = "WARNING: changing table images (12000 rows) replicates in total order (TOI): it blocks "
            + "writes on every node of the Galera cluster until it finishes"
        #expect(r.stderr.contains(warning + "\n"), "\(r)")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex(of: warning))
        // Said before the revision's statements run, right after its "Running upgrade" line.
        #expect(lines[first - 1].hasSuffix("Running upgrade mitaka02 -> ocata_expand01, add visibility to images"))
    }

    // MARK: - The lock across nodes

    /// Real Glance, two syncs on two nodes: the loser crashes with "Table 'images' already exists"
    /// (reference transcript galera.txt). Here the loser waits, says so, and finds the database up to date.
    @Test(arguments: [1, 2])
    func twoSyncsOnTwoNodesSerialise(_ round: Int) throws {
        let db = try GaleraTestCluster.current().makeDatabase()
        let runs = try runTogether([["db", "sync", "--connection", db.url(node: 1)],
                                    ["db", "sync", "--connection", db.url(node: 2)]])
        for run in runs { #expect(run.status == 0, "round \(round): \(run)") }
        let winners = runs.filter { $0.stdoutLines.last == "Database is synced successfully." }
        let losers = runs.filter { $0.stdoutLines == [Self.upToDate] }
        #expect(winners.count == 1 && losers.count == 1, "round \(round): \(runs)")
        if let loser = losers.first {
            let lines = loser.stderr.split(separator: "\n").map(String.init)
            #expect(lines.count == 2 && lines[0].hasPrefix("Another glance-manage holds the migration lock on ")
                    && lines[1].hasPrefix("Migration lock acquired after waiting "), "\(loser)")
        }
        try expectHead(db)
    }

    /// `db sync` racing `db expand` (then `db contract`) on other nodes: one runs at a time, and the
    /// database ends at head either way.
    @Test func syncRacesExpandAndContractOnOtherNodes() throws {
        let db = try GaleraTestCluster.current().makeDatabase()
        var r = try GlanceManageBinary.run(["db", "upgrade", "--version", "mitaka02", "--connection", db.url(node: 1)])
        #expect(r.status == 0, "\(r)")
        let runs = try runTogether([["db", "expand", "--connection", db.url(node: 2)],
                                    ["db", "sync", "--connection", db.url(node: 3)],
                                    ["db", "contract", "--connection", db.url(node: 1)]])
        // How many overlap depends on when each process starts (expand from mitaka02 takes 0.2 s); at least
        // one waits, and none fails the way unlocked runs do ("Duplicate column name", "Table exists").
        let waited = runs.filter { $0.stderr.contains("Another glance-manage holds the migration lock on ") }
        #expect(waited.count >= 1, "\(runs)")
        #expect(runs[0].status == 0 && runs[1].status == 0, "\(runs)")
        // contract succeeds when it runs after sync or expand+migrate done, and refuses (exit 1, one of
        // Glance's guard rails, nothing changed) when it gets the lock before expansion.
        #expect(runs[2].status == 0 || runs[2].stderr.hasPrefix("Database contraction did not run."), "\(runs[2])")
        r = try GlanceManageBinary.run(["db", "sync", "--connection", db.url(node: 1)])
        #expect(r.status == 0, "\(r)")
        try expectHead(db)
    }

    /// Version rows, schema and a clean `db check` on every node; the released lock left no table behind.
    func expectHead(_ db: GaleraDatabase) throws {
        let head = try Self.referenceHead()
        try db.cluster.waitUntilApplied()
        for node in 1...3 {
            let connection = try db.connect(node: node)
            #expect(try connection.query("SELECT version_num FROM alembic_version").map { $0["version_num"] }
                    == ["2024_1_contract01"], "node \(node)")
            #expect(try !connection.tableExists(MigrationLockTable.name), "node \(node): the lock left a table")
            let diff = SchemaDiff(head, try connection.introspect())
            #expect(diff.isEmpty, "node \(node): \(diff)")
            let check = try GlanceManageBinary.run(["db", "check", "--connection", db.url(node: node)])
            #expect(check.status == 0 && check.stdoutLines == ["Database is up to date. No upgrades needed."],
                    "\(check)")
            let detect = try GlanceManageBinary.run(["db", "detect", "--format", "json", "--connection", db.url(node: node)])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(detect.stdout.utf8)) as? [String: Any])
            #expect((object["schema_matches"] as? [String])?.contains("Alembic revision 2024_1_contract01") == true,
                    "\(detect)")
        }
    }
}
