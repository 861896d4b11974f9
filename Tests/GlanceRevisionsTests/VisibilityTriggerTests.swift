import DatabaseCore
import GlanceRevisions
import MigrationEngine
import Testing
import TestSupport

/// The compatibility triggers `ocata_expand01` installs in an online upgrade (spec §2.4, Glance's MySQL
/// `insert_visibility` / `update_visibility`), on SQLite and PostgreSQL, and the batched `ocata_migrate01`.
@Suite struct VisibilityTriggerTests {
    static let now = "'2026-01-01 00:00:00'"
    let migrator = Migrator(map: GlanceRevisions.map)

    static func insertOld(_ db: any Database, _ id: String, isPublic: Bool) throws {
        try db.execute("INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram) VALUES (?, 'active', \(isPublic ? "TRUE" : "FALSE"), \(now), FALSE, 0, 0)", [.text(id)])
    }

    static func insertNew(_ db: any Database, _ id: String, visibility: String) throws {
        try db.execute("INSERT INTO images (id, status, visibility, created_at, deleted, min_disk, min_ram) VALUES (?, 'active', ?, \(now), FALSE, 0, 0)", [.text(id), .text(visibility)])
    }

    /// `id:is_public:visibility` for the rows whose id starts with `prefix`, ordered by id.
    static func rows(_ db: any Database, _ prefix: String) throws -> [String] {
        try db.query("SELECT id, is_public, visibility FROM images WHERE id LIKE ? ORDER BY id", [.text(prefix + "%")]).map {
            "\($0["id"]):\($0["is_public"].boolValue.map { $0 ? "1" : "0" } ?? "NULL"):\($0["visibility"])"
        }
    }

    static func expectInvalid(_ db: any Database, _ sql: String, _ parameters: [SQLValue] = []) {
        do {
            try db.execute(sql, parameters)
            Issue.record("accepted: \(sql)")
        } catch let error as DatabaseError {
            #expect(error.message.contains("Invalid visibility value"), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// Glance's `test_ocata_expand01` (spec §5.2), which only ran on MySQL.
    @Test(arguments: TestBackend.all)
    func ocataExpand01TriggersTranslateBothWays(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try migrator.upgrade(db, to: "mitaka02")
        try Self.insertOld(db, "public_id_before_expand", isPublic: true)
        try Self.insertOld(db, "private_id_before_expand", isPublic: false)
        try migrator.upgrade(db, to: "ocata_expand01", options: .online)
        #expect(try db.introspect().triggers.map(\.name) == ["insert_visibility", "update_visibility"])
        #expect(try Self.rows(db, "%_before_expand") == ["private_id_before_expand:0:NULL", "public_id_before_expand:1:NULL"])

        try Self.insertOld(db, "public_id_old_to_new", isPublic: true)
        try Self.insertOld(db, "private_id_old_to_new", isPublic: false)
        #expect(try Self.rows(db, "%_old_to_new") == ["private_id_old_to_new:0:shared", "public_id_old_to_new:1:public"])

        for visibility in ["public", "private", "shared"] { try Self.insertNew(db, "\(visibility)_id_new_to_old", visibility: visibility) }
        #expect(try Self.rows(db, "%_new_to_old") == ["private_id_new_to_old:0:private", "public_id_new_to_old:1:public", "shared_id_new_to_old:0:shared"])
    }

    @Test(arguments: TestBackend.all)
    func updatesFollowTheOtherColumnAndContradictionsFail(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try migrator.upgrade(db, to: "mitaka02")
        try Self.insertOld(db, "pre_public", isPublic: true)
        try Self.insertOld(db, "pre_private", isPublic: false)
        try migrator.upgrade(db, to: "expand@head", options: .online)
        try Self.insertNew(db, "new_community", visibility: "community")
        try Self.insertOld(db, "old_public", isPublic: true)

        // Old-release updates set only is_public; new-release updates only visibility.
        try db.execute("UPDATE images SET is_public = FALSE WHERE id = 'pre_public'")
        try db.execute("UPDATE images SET visibility = 'community' WHERE id = 'pre_private'")
        try db.execute("UPDATE images SET is_public = TRUE WHERE id = 'new_community'")
        try db.execute("UPDATE images SET visibility = 'private' WHERE id = 'old_public'")
        // Writes that change neither column leave the row alone.
        try db.execute("UPDATE images SET name = 'renamed', is_public = FALSE WHERE id = 'old_public'")
        #expect(try Self.rows(db, "") == ["new_community:1:public", "old_public:0:private", "pre_private:0:community", "pre_public:0:shared"])

        let insert = "INSERT INTO images (id, status, is_public, visibility, created_at, deleted, min_disk, min_ram) VALUES (?, 'active', ?, ?, \(Self.now), FALSE, 0, 0)"
        Self.expectInvalid(db, insert, ["both", .integer(1), "private"])
        Self.expectInvalid(db, insert, ["neither", .null, .null])
        Self.expectInvalid(db, "UPDATE images SET is_public = TRUE, visibility = 'private' WHERE id = 'pre_public'")
        Self.expectInvalid(db, "UPDATE images SET visibility = NULL WHERE id = 'pre_public'")
        Self.expectInvalid(db, "UPDATE images SET is_public = NULL WHERE id = 'pre_public'")
        #expect(try Self.rows(db, "") == ["new_community:1:public", "old_public:0:private", "pre_private:0:community", "pre_public:0:shared"])
    }

    /// Every revision applied on its own in online mode: the simulator follows the triggers in and out, and
    /// the head is the same schema as without them.
    @Test(arguments: TestBackend.all)
    func onlineWalkInstallsTriggersAtExpandAndRemovesThemAtContract(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let simulator = SchemaSimulator(dialect: backend.dialect)
        var simulated = Schema()
        var withTriggers: [String] = []
        for revision in GlanceRevisions.map.upgradePlan(from: [], to: GlanceRevisions.map.heads) {
            try migrator.upgrade(db, to: revision.id, options: .online)
            simulated = simulator.schema(applying: [revision], to: simulated, options: .online)
            let live = try db.introspect().excluding(tables: ["alembic_version"])
            #expect(SchemaDiff(simulated, live).isEmpty, "after \(revision.id):\n\(SchemaDiff(simulated, live))")
            if !live.triggers.isEmpty { withTriggers.append(revision.id) }
        }
        let plan = GlanceRevisions.map.upgradePlan(from: [], to: GlanceRevisions.map.heads).map(\.id)
        let expanded = try #require(plan.firstIndex(of: "ocata_expand01"))
        let contracted = try #require(plan.firstIndex(of: "ocata_contract01"))
        #expect(withTriggers == Array(plan[expanded..<contracted]))
        #expect(SchemaDiff(simulated, simulator.schema(at: GlanceRevisions.map.heads, in: GlanceRevisions.map)).isEmpty)
        #expect(SchemaDiff(try Fixtures.referenceHeadSchema(backend), try db.introspect()).isEmpty)
    }

    @Test(arguments: TestBackend.all)
    func withoutOnlineModeNoTriggerIsCreated(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try migrator.upgrade(db, to: "expand@head")
        #expect(try db.introspect().triggers.isEmpty)
        #expect(!(try migrator.offlineSQL(from: [], to: "heads", dialect: .postgresql)).contains { $0.contains("CREATE TRIGGER") })
    }

    /// `ocata_migrate01` in batches, with the triggers installed: resumable, same meaning as in one go.
    @Test(arguments: TestBackend.all)
    func ocataMigrate01RunsInResumableBatches(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try migrator.upgrade(db, to: "mitaka02")
        for i in 0..<25 { try Self.insertOld(db, String(format: "img-%02d", i), isPublic: i % 3 == 0) }
        try db.execute("INSERT INTO image_members (id, image_id, member, can_share, created_at, deleted) VALUES (1, 'img-01', 'm1', TRUE, \(Self.now), FALSE)")
        try db.execute("INSERT INTO image_members (id, image_id, member, can_share, created_at, deleted) VALUES (2, 'img-02', 'm2', TRUE, \(Self.now), TRUE)")
        try migrator.upgrade(db, to: "expand@head", options: .online)
        let migration = GlanceRevisions.ocataMigrate01
        #expect(try migration.runBatch(in: db, size: 10)?.rows == 10)
        #expect(try migration.isPending(in: db))
        var progress: [Int] = []
        #expect(try migration.run(in: db, batchSize: 10) { progress.append($0.rowsChanged) } == 15)
        #expect(progress == [10, 15])
        #expect(try !migration.isPending(in: db))
        let rows = try Self.rows(db, "img-")
        #expect(rows.count == 25)
        for (i, row) in rows.enumerated() {
            let expected = i % 3 == 0 ? "1:public" : (i == 1 ? "0:shared" : "0:private")
            #expect(row == String(format: "img-%02d:", i) + expected)
        }
    }

    /// On MySQL each CREATE TRIGGER commits on its own, so the previous release writes between them. Writes
    /// made after any prefix of `ocata_expand01`'s online operations (an insert, then a flip of
    /// `is_public`) must end consistent once the rest is installed and `ocata_migrate01` has run. With
    /// `insert_visibility` first, a row inserted private then made public kept `shared` (seen on Galera).
    @Test func oldReleaseWritesBetweenTheTriggerStatementsStayConsistent() throws {
        let online = GlanceRevisions.ocataExpand01.onlineUpgrade.operations(for: .mysql)
        #expect(online.count == 2)
        for installed in 0...online.count {
            let scratch = try TestBackend.mysql.makeScratch()
            let db = try scratch.connect()
            try migrator.upgrade(db, to: "ocata_expand01")
            func install(_ operations: ArraySlice<MigrationEngine.Operation>) throws {
                for operation in operations {
                    for sql in try MySQLRenderer().statements(for: operation, tableShape: { _ in nil }) {
                        try db.executeScript(sql)
                    }
                }
            }
            try install(online.prefix(installed))
            for (id, isPublic) in [("made-public", false), ("made-private", true)] {
                try Self.insertOld(db, id, isPublic: isPublic)
                try db.execute("UPDATE images SET is_public = ? WHERE id = ?", [.integer(isPublic ? 0 : 1), .text(id)])
            }
            try install(online.dropFirst(installed))
            _ = try GlanceRevisions.ocataMigrate01.run(in: db, batchSize: 10)
            // A row made private gets `shared` from the update trigger, or `private` from the data migration.
            let rows = try Self.rows(db, "made-")
            #expect([["made-private:0:private", "made-public:1:public"],
                     ["made-private:0:shared", "made-public:1:public"]].contains(rows),
                    "after \(installed) of the online operations: \(rows)")
        }
    }
}
