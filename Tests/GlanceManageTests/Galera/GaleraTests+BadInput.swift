import DatabaseCore
import Foundation
import MySQLDriver
import Testing
import TestSupport

extension GaleraTests {
    /// Bad input through a Galera node changes nothing, not even the lock: each writing command takes the
    /// lease (creating `glance_bridge_lock`), refuses the unknown revision (the case BadInputCorpusTests
    /// runs), and drops the table as it lets go. Every node's catalog and rows stay as they were.
    @Test func badInputThroughANodeLeavesEveryNodeAsItWas() throws {
        let db = try GaleraTestCluster.current().makeDatabase()
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", db.url(node: 1)], environment: Self.lease)
        #expect(r.status == 0, "\(r)")
        try db.cluster.waitUntilApplied()
        for node in 1...3 {
            #expect(try !db.connect(node: node).tableExists(MigrationLockTable.name), "node \(node) after sync")
        }
        // Without a lock table whatever the sync left, as in a database Glance itself migrated: so the snapshots
        // below catch a lock table the refused commands would leave, apart from the check above.
        try db.connect(node: 1).executeScript("""
            DROP TABLE IF EXISTS \(MigrationLockTable.name);
            UPDATE alembic_version SET version_num = 'zzz_future01'
            """)
        try db.cluster.waitUntilApplied()
        let before = try (1...3).map { try DatabaseSnapshot(mysql: db.connect(node: $0)) }
        #expect(before[0] == before[1] && before[0] == before[2])
        let message = "the database is at revision 'zzz_future01', which this tool does not know"
        for (action, node) in [(["db", "sync"], 2), (["db", "upgrade"], 3), (["db", "expand"], 1)] {
            let run = try GlanceManageBinary.run(action + ["--connection", db.url(node: node)],
                                                 environment: Self.lease)
            #expect(run.status == 1, "\(action): \(run)")
            let errors = run.stderr.split(separator: "\n")
                .filter { $0.hasPrefix("ERROR: ") || $0.hasPrefix("Failed to sync database: ERROR: ") }
            #expect(errors.count == 1 && errors.first?.contains(message) == true, "\(action): \(run)")
        }
        try db.cluster.waitUntilApplied()
        for node in 1...3 {
            let after = try DatabaseSnapshot(mysql: db.connect(node: node))
            #expect(after == before[node - 1], "node \(node): \(after)")
        }
    }
}
