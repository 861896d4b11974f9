import DatabaseCore
import Foundation
import MySQLDriver
import Testing
import TestSupport

extension GaleraTests {
    /// The rolling upgrade across the cluster: `db expand` through node 1 while the previous release writes
    /// (only `is_public`) through node 2; then the previous release through node 2 and the new one (only
    /// `visibility`) through node 3 while `db migrate` runs through node 2; `db contract` through node 3.
    /// No write is lost or contradicted, the three nodes end with the same rows and schema (Glance's head
    /// dump), and the triggers are gone everywhere.
    @Test func rollingUpgradeThroughThreeNodes() throws {
        let db = try GaleraTestCluster.current().makeDatabase()
        var r = try GlanceManageBinary.run(["db", "upgrade", "--version", "mitaka02", "--connection", db.url(node: 1)])
        #expect(r.status == 0, "\(r)")
        var exact: [String: String] = [:]
        var eitherPrivateOrShared: Set<String> = []
        let before = try db.connect(node: 2)
        for i in 0..<20 {
            try RollingUpgradeTests.insertOld(before, "pre-\(i)", isPublic: i % 3 == 0)
            exact["pre-\(i)"] = i % 3 == 0 ? "public" : "private"
        }

        // Expand through node 1, the previous release writing through node 2 meanwhile. A row it writes
        // while expand runs gets 'shared' for is_public=false if the trigger was there on node 2 already,
        // 'private' from the data migration if not; is_public=true is 'public' either way.
        let expand = ResultsBox<CommandResult>()
        let during = try Self.writing([{ try Self.oldRelease($0, "during", until: expand) }], nodes: [2], db) {
            expand.append(Result { try GlanceManageBinary.run(["db", "expand", "--connection", db.url(node: 1)]) })
        }
        r = try #require(expand.values.first).get()
        #expect(r.status == 0 && r.stdoutLines.last
                == "Upgraded database to: 2024_1_expand01, current revision(s): 2024_1_expand01", "\(r)")
        for (id, visibility) in during.flatMap({ $0 }) {
            if visibility == "public" { exact[id] = visibility } else { eitherPrivateOrShared.insert(id) }
        }
        try db.cluster.waitUntilApplied()
        for node in 1...3 {
            #expect(try db.connect(node: node).introspect().triggers.map(\.name)
                    == ["insert_visibility", "update_visibility"], "node \(node)")
        }

        // Both releases write while db migrate runs through node 2 in small batches.
        let migrate = ResultsBox<CommandResult>()
        let mixed = try Self.writing([{ try Self.oldRelease($0, "old", until: migrate) },
                                      { try Self.newRelease($0, "new", until: migrate) }], nodes: [2, 3], db) {
            migrate.append(Result {
                try GlanceManageBinary.run(["db", "migrate", "--batch-size", "5", "--connection", db.url(node: 2)])
            })
        }
        r = try #require(migrate.values.first).get()
        #expect(r.status == 0 && r.stdoutLines.first?.hasPrefix("Migrated ") == true, "\(r)")
        for written in mixed { exact.merge(written) { $1 } }
        try db.cluster.waitUntilApplied()
        try RollingUpgradeTests.expectCheck(["--connection", db.url(node: 3)], 5, "contract")
        for node in 1...3 {
            for row in try db.connect(node: node).query("SELECT id, is_public, visibility FROM images") {
                #expect(row["is_public"].boolValue == (row["visibility"].stringValue == "public"), "node \(node) \(row)")
            }
        }

        r = try GlanceManageBinary.run(["db", "contract", "--connection", db.url(node: 3)])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines == ["Upgraded database to: 2024_1_contract01, current revision(s): 2024_1_contract01"])
        try expectHead(db)
        try Self.expectNodesAgree(db, columns: "id, visibility", "after contract")
        for node in 1...3 {
            #expect(try db.connect(node: node).introspect().triggers.isEmpty, "node \(node)")
        }
        var found: [String: String] = [:]
        for row in try db.connect(node: 1).query("SELECT id, visibility FROM images") {
            found[row["id"].stringValue ?? ""] = row["visibility"].stringValue
        }
        #expect(found.count == exact.count + eitherPrivateOrShared.count, "no row lost or added")
        for (id, visibility) in exact.sorted(by: { $0.key < $1.key }) { #expect(found[id] == visibility, "\(id)") }
        for id in eitherPrivateOrShared.sorted() { #expect(["private", "shared"].contains(found[id]), "\(id)") }
    }

    // MARK: - Writers

    /// Runs each writer on a thread with a connection of its own through `nodes[i]`, and `alongside` on one
    /// more; returns what each wrote or rethrows the first failure.
    static func writing(_ writers: [@Sendable (MySQLDatabase) throws -> [String: String]], nodes: [Int],
                        _ db: GaleraDatabase, alongside: @escaping @Sendable () -> Void) throws -> [[String: String]] {
        let results = ResultsBox<[String: String]>()
        let group = DispatchGroup()
        for (writer, node) in zip(writers, nodes) {
            group.enter()
            Thread {
                results.append(Result { try writer(try db.connect(node: node)) })
                group.leave()
            }.start()
        }
        group.enter()
        Thread { alongside(); group.leave() }.start()
        group.wait()
        return try results.values.map { try $0.get() }
    }

    /// A write as oslo.db makes it: retried when Galera aborts it (a certification conflict or a TOI
    /// statement ordered first, 1213) or the table changed under it (1412).
    static func retrying(_ write: () throws -> Void) throws {
        for attempt in 1... {
            do {
                return try write()
            } catch let error as DatabaseError where (error.kind == .busy || error.code == "1412") && attempt < 50 {
                usleep(20_000)
            }
        }
    }

    /// The previous release: inserts with `is_public` only, flipping every fifth, until `command` is done.
    static func oldRelease(_ db: MySQLDatabase, _ name: String, until command: ResultsBox<CommandResult>) throws
        -> [String: String] {
        var expected: [String: String] = [:]
        var i = 0
        while i < 10 || command.values.isEmpty {
            let id = "\(name)-\(i)", isPublic = i % 2 == 0
            try retrying { try RollingUpgradeTests.insertOld(db, id, isPublic: isPublic) }
            expected[id] = isPublic ? "public" : "shared"
            if i % 5 == 0 {
                try retrying { try db.execute("UPDATE images SET is_public = ? WHERE id = ?", [.integer(isPublic ? 0 : 1), .text(id)]) }
                expected[id] = isPublic ? "shared" : "public"
            }
            i += 1
        }
        return expected
    }

    /// The new release: inserts with `visibility` only, changing every fourth to community.
    static func newRelease(_ db: MySQLDatabase, _ name: String, until command: ResultsBox<CommandResult>) throws
        -> [String: String] {
        var expected: [String: String] = [:]
        var i = 0
        while i < 10 || command.values.isEmpty {
            let id = "\(name)-\(i)", visibility = RollingUpgradeTests.visibilities[i % 4]
            try retrying { try RollingUpgradeTests.insertNew(db, id, visibility: visibility) }
            expected[id] = visibility
            if i % 4 == 1 {
                try retrying { try db.execute("UPDATE images SET visibility = 'community' WHERE id = ?", [.text(id)]) }
                expected[id] = "community"
            }
            i += 1
        }
        return expected
    }
}
