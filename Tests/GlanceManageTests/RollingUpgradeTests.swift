import DatabaseCore
import Foundation
import Testing
import TestSupport

/// A rolling upgrade on SQLite and PostgreSQL: `db expand` installs the compatibility triggers, the
/// previous release and the new one write at the same time through connections of their own, `db migrate`
/// runs in batches while the new release keeps writing, `db contract` removes the triggers. `db check`
/// (text and JSON) is right at every step, every row ends with the visibility the old semantics give, no
/// row is lost, and the final schema is a fresh head's.
@Suite struct RollingUpgradeTests {
    static let now = "'2026-01-01 00:00:00'"

    @Test(arguments: TestBackend.all)
    func mixedWritersFromAnAlembicDatabase(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let r = try GlanceManageBinary.run(["db", "upgrade", "--version", "mitaka02", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        try Self.rollingUpgrade(scratch, residue: [])
    }

    /// The same from Glance's own legacy-44 (Newton, sqlalchemy-migrate) database: `db expand` bridges
    /// first. On SQLite the bridged database keeps the legacy constraints the Alembic chain never rewrites.
    @Test(arguments: TestBackend.all)
    func mixedWritersFromALegacy44Database(_ backend: TestBackend) throws {
        let scratch = try Fixtures.legacyDatabase(44, backend)
        switch backend {
        case .sqlite:
            try Self.rollingUpgrade(scratch, residue: [
                "check image_locations deleted IN (0, 1)", "check tasks deleted IN (0, 1)",
                "unique image_members (unnamed) cols=image_id,member",
            ])
        case .postgresql:
            try Self.rollingUpgrade(scratch, residue: [])
        case .mysql:
            // Glance's diff of its stamped and upgraded legacy 44 against a fresh head
            // (diff-legacy44-mariadb-after-stamp-then-modern-vs-fresh.txt): legacy foreign-key names, and no
            // CHECK on images.protected.
            let key = "(namespace_id) -> metadef_namespaces(id) name="
            try Self.rollingUpgrade(scratch, residue: [
                "fk metadef_namespace_resource_types (namespace_id) -> metadef_namespaces(id) "
                    + "name=metadef_namespace_resource_types_ibfk_2",
                "fk metadef_namespace_resource_types (resource_type_id) -> metadef_resource_types(id) "
                    + "name=metadef_namespace_resource_types_ibfk_1",
                "fk metadef_objects \(key)metadef_objects_fk_1", "fk metadef_properties \(key)metadef_properties_fk_1",
                "fk metadef_tags \(key)metadef_tags_fk_1",
            ], missing: [
                "check images `protected` in (0,1) name=CONSTRAINT_3",
                "fk metadef_namespace_resource_types (namespace_id) -> metadef_namespaces(id) "
                    + "name=metadef_namespace_resource_types_ibfk_1",
                "fk metadef_namespace_resource_types (resource_type_id) -> metadef_resource_types(id) "
                    + "name=metadef_namespace_resource_types_ibfk_2",
                "fk metadef_objects \(key)metadef_objects_ibfk_1",
                "fk metadef_properties \(key)metadef_properties_ibfk_1",
                "fk metadef_tags \(key)metadef_tags_ibfk_1",
            ])
        }
    }

    /// `db migrate` commits batch by batch: a run that fails half-way keeps what it finished, `db check`
    /// still says 4, and the next run migrates the rest, with progress on stderr.
    @Test(arguments: TestBackend.all)
    func interruptedMigrateResumes(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]
        var r = try GlanceManageBinary.run(c + ["db", "upgrade", "--version", "mitaka02"])
        #expect(r.status == 0, "\(r)")
        let db = try scratch.connect()
        for i in 0..<25 { try Self.insertOld(db, String(format: "img-%02d", i), isPublic: i % 2 == 0) }
        r = try GlanceManageBinary.run(c + ["db", "expand"])
        #expect(r.status == 0, "\(r)")
        // Stand-in for an interruption: the second batch (img-10 … img-19) fails on img-15.
        switch backend {
        case .sqlite:
            try db.executeScript("CREATE TRIGGER interrupt AFTER UPDATE OF visibility ON images FOR EACH ROW WHEN NEW.id = 'img-15' BEGIN SELECT RAISE(ABORT, 'interrupted'); END")
        case .postgresql:
            try db.executeScript("""
                CREATE FUNCTION interrupt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'interrupted'; END $$;
                CREATE TRIGGER interrupt BEFORE UPDATE ON images FOR EACH ROW WHEN (NEW.id = 'img-15') EXECUTE FUNCTION interrupt();
                """)
        case .mysql:
            try db.executeScript("""
                CREATE TRIGGER interrupt BEFORE UPDATE ON images FOR EACH ROW
                IF NEW.id = 'img-15' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'interrupted'; END IF
                """)
        }
        r = try GlanceManageBinary.run(c + ["db", "migrate", "--batch-size", "10"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("batch 1 committed, 10 of 25 rows migrated"), "\(r)")
        #expect(r.stderr.contains("interrupted"), "\(r)")
        #expect(try db.query("SELECT COUNT(*) AS n FROM images WHERE visibility IS NULL")[0]["n"].intValue == 15)
        r = try GlanceManageBinary.run(c + ["db", "check"])
        #expect(r.status == 4)

        switch backend {
        case .sqlite, .mysql: try db.executeScript("DROP TRIGGER interrupt")
        case .postgresql: try db.executeScript("DROP TRIGGER interrupt ON images; DROP FUNCTION interrupt()")
        }
        r = try GlanceManageBinary.run(c + ["db", "migrate", "--batch-size", "10"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines == ["Migrated 15 rows"])
        #expect(r.stderr.contains("batch 1 committed, 10 of 15 rows migrated"))
        #expect(r.stderr.contains("batch 2 committed, 15 of 15 rows migrated"))
        r = try GlanceManageBinary.run(c + ["db", "check"])
        #expect(r.status == 5)
        let rows = try db.query("SELECT id, visibility FROM images ORDER BY id")
        #expect(rows.map { "\($0["visibility"])" } == (0..<25).map { $0 % 2 == 0 ? "public" : "private" })
    }

    /// `db sync` and `db upgrade` never install the triggers; a database expanded online and then finished
    /// by `db sync` loses them at contract.
    @Test(arguments: TestBackend.all)
    func onlyExpandInstallsTriggersAndAnyContractRemovesThem(_ backend: TestBackend) throws {
        for command in [["db", "upgrade", "--version", "expand@head"], ["db", "sync"]] {
            let scratch = try backend.makeScratch()
            let r = try GlanceManageBinary.run(["--connection", scratch.url] + command)
            #expect(r.status == 0, "\(r)")
            #expect(try scratch.connect().introspect().triggers.isEmpty, "\(command)")
        }
        let sql = try GlanceManageBinary.run(["db", "sync", "--sql", "--connection", try backend.makeScratch().url])
        #expect(!sql.stdout.contains("CREATE TRIGGER"))

        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]
        var r = try GlanceManageBinary.run(c + ["db", "expand"])
        #expect(r.status == 0, "\(r)")
        #expect(try scratch.connect().introspect().triggers.map(\.name) == ["insert_visibility", "update_visibility"])
        // `db detect` knows the expanded schema with its triggers.
        r = try GlanceManageBinary.run(c + ["db", "detect", "--format", "json"])
        let detect = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((detect["schema_matches"] as? [String])?.contains("Alembic revision 2024_1_expand01") == true, "\(r)")
        r = try GlanceManageBinary.run(c + ["db", "sync"])
        #expect(r.status == 0, "\(r)")
        #expect(try scratch.connect().introspect().triggers.isEmpty)
        #expect(SchemaDiff(try Fixtures.referenceHeadSchema(backend), try scratch.connect().introspect()).isEmpty)
    }

    // MARK: - The cycle

    /// - Parameters: residue: facts the result has and a fresh head lacks; missing: the other way round.
    static func rollingUpgrade(_ scratch: ScratchDatabase, residue: [String], missing: [String] = []) throws {
        let backend = scratch.backend
        let c = ["--connection", scratch.url]
        let db = try scratch.connect()
        try Self.expectCheck(c, 3, "expand")
        // Spec §4.2's guard rails, word for word.
        var r = try GlanceManageBinary.run(c + ["db", "contract"])
        #expect(r.status == 1)
        #expect(r.stderr == "Database contraction did not run. Database contraction cannot be run before database expansion. Run database expansion first using \"glance-manage db expand\"\n", "\(r)")
        r = try GlanceManageBinary.run(c + ["db", "migrate"])
        #expect(r.status == 1)
        #expect(r.stderr == "Data migration did not run. Data migration cannot be run before database expansion. Run database expansion first using \"glance-manage db expand\"\n", "\(r)")

        // Rows written by the old release before the upgrade.
        var expected: [String: String] = [:]
        for (id, isPublic, visibility) in [
            ("pre-public", true, "public"), ("pre-shared", false, "shared"), ("pre-deleted-member", false, "private"),
            ("pre-private", false, "private"), ("pre-old-to-public", false, "public"), ("pre-old-to-shared", true, "shared"),
            ("pre-new-community", false, "community"), ("pre-new-private", true, "private"),
        ] {
            try insertOld(db, id, isPublic: isPublic)
            expected[id] = visibility
        }
        for i in 0..<40 {
            let id = String(format: "pre-bulk-%02d", i)
            try insertOld(db, id, isPublic: i % 4 == 0)
            expected[id] = i % 4 == 0 ? "public" : "private"
        }
        for (id, image, deleted) in [(1, "pre-shared", false), (2, "pre-deleted-member", true), (3, "pre-public", false)] {
            try db.execute("INSERT INTO image_members (id, image_id, member, can_share, created_at, deleted, status) VALUES (?, ?, 'tenant', TRUE, \(now), \(deleted ? "TRUE" : "FALSE"), 'accepted')",
                           [.integer(Int64(id)), .text(image)])
        }

        r = try GlanceManageBinary.run(c + ["db", "expand"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines.last == "Upgraded database to: 2024_1_expand01, current revision(s): 2024_1_expand01")
        #expect(try db.introspect().triggers.map(\.name) == ["insert_visibility", "update_visibility"])
        try Self.expectCheck(c, 4, "migrate")
        r = try GlanceManageBinary.run(c + ["db", "contract"])
        #expect(r.status == 1)
        #expect(r.stderr == "Database contraction did not run. Database contraction cannot be run before data migration is complete. Run data migration using \"glance-manage db migrate\".\n")

        // Both releases write at once, each writer on a connection of its own.
        let writers: [@Sendable (any Database) throws -> [String: String]] = [
            { try oldWriter($0, name: "old0", preUpdate: ("pre-old-to-public", true)) },
            { try oldWriter($0, name: "old1", preUpdate: ("pre-old-to-shared", false)) },
            { try newWriter($0, name: "new0", preUpdate: ("pre-new-community", "community"), contradict: true) },
            { try newWriter($0, name: "new1", preUpdate: ("pre-new-private", "private"), contradict: false) },
        ]
        for written in try concurrently(scratch, writers) { expected.merge(written) { $1 } }
        try Self.expectCheck(c, 4, "migrate")

        // `db migrate` in small batches while the new release keeps inserting.
        let migrate = ResultsBox<CommandResult>()
        let late: [@Sendable (any Database) throws -> [String: String]] = [
            { try lateWriter($0, name: "late0", until: migrate) }, { try lateWriter($0, name: "late1", until: migrate) },
        ]
        let lateWritten = try concurrently(scratch, late) {
            migrate.append(Result { try GlanceManageBinary.run(c + ["db", "migrate", "--batch-size", "5"]) })
        }
        for written in lateWritten { expected.merge(written) { $1 } }
        r = try #require(migrate.values.first).get()
        #expect(r.status == 0, "\(r)")
        // The 40 bulk rows and the 4 old rows no writer touched; the rest got a visibility from a trigger.
        #expect(r.stdoutLines == ["Migrated 44 rows"], "\(r)")
        #expect(r.stderr.contains("batch 9 committed, 44 of 44 rows migrated"), "\(r)")
        try Self.expectCheck(c, 5, "contract")

        // Before contract every row agrees with itself: is_public exactly when public.
        for row in try db.query("SELECT id, is_public, visibility FROM images") {
            #expect(row["is_public"].boolValue == (row["visibility"].stringValue == "public"), "\(row)")
        }

        r = try GlanceManageBinary.run(c + ["db", "contract"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines == ["Upgraded database to: 2024_1_contract01, current revision(s): 2024_1_contract01"])
        try Self.expectCheck(c, 0, nil)

        let live = try db.introspect()
        #expect(live.triggers.isEmpty)
        let diff = SchemaDiff(try Fixtures.referenceHeadSchema(backend), live)
        #expect(diff.onlyInFirst == missing.sorted() && diff.onlyInSecond == residue.sorted(), "\(diff)")
        var found: [String: String] = [:]
        for row in try db.query("SELECT id, visibility FROM images") { found[row["id"].stringValue ?? ""] = row["visibility"].stringValue }
        #expect(found.count == expected.count, "no row lost or added")
        for (id, visibility) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(found[id] == visibility, "\(id)")
        }
    }

    /// `db check` in text and JSON: exit code, message and next step.
    static func expectCheck(_ c: [String], _ status: Int32, _ next: String?) throws {
        let text = try GlanceManageBinary.run(c + ["db", "check"])
        #expect(text.status == status, "\(text)")
        let json = try GlanceManageBinary.run(c + ["db", "check", "--format", "json"])
        #expect(json.status == status, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["exit_code"] as? Int == Int(status))
        #expect(object["next_step"] as? String == next)
        #expect(object["message"] as? String == text.stdoutLines.first)
        #expect((object["pending_data_migrations"] as? [String])?.isEmpty == (status != 4))
    }

    // MARK: - Writers

    static func insertOld(_ db: any Database, _ id: String, isPublic: Bool) throws {
        try db.execute("INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram) VALUES (?, 'active', \(isPublic ? "TRUE" : "FALSE"), \(now), FALSE, 0, 0)", [.text(id)])
    }

    static func insertNew(_ db: any Database, _ id: String, visibility: String) throws {
        try db.execute("INSERT INTO images (id, status, visibility, created_at, deleted, min_disk, min_ram) VALUES (?, 'active', ?, \(now), FALSE, 0, 0)", [.text(id), .text(visibility)])
    }

    /// The previous release: knows only `is_public`. Its false means 'shared' through the trigger.
    static func oldWriter(_ db: any Database, name: String, preUpdate: (String, Bool)) throws -> [String: String] {
        var expected: [String: String] = [:]
        for i in 0..<40 {
            let id = "\(name)-\(i)"
            try insertOld(db, id, isPublic: i % 2 == 0)
            expected[id] = i % 2 == 0 ? "public" : "shared"
            if i % 5 == 0 {
                try db.execute("UPDATE images SET is_public = \(i % 2 == 0 ? "FALSE" : "TRUE"), updated_at = \(now) WHERE id = ?", [.text(id)])
                expected[id] = i % 2 == 0 ? "shared" : "public"
            }
        }
        try db.execute("UPDATE images SET is_public = \(preUpdate.1 ? "TRUE" : "FALSE") WHERE id = ?", [.text(preUpdate.0)])
        // Writes that leave is_public alone do not touch visibility.
        try db.execute("UPDATE images SET name = ?, is_public = FALSE WHERE id = 'pre-private'", [.text(name)])
        return expected
    }

    static let visibilities = ["public", "private", "shared", "community"]

    /// The new release: knows only `visibility`; one of them also tries every contradictory write.
    static func newWriter(_ db: any Database, name: String, preUpdate: (String, String), contradict: Bool) throws -> [String: String] {
        var expected: [String: String] = [:]
        for i in 0..<40 {
            let id = "\(name)-\(i)"
            try insertNew(db, id, visibility: visibilities[i % 4])
            expected[id] = visibilities[i % 4]
            if i % 4 == 1 {
                try db.execute("UPDATE images SET visibility = 'community' WHERE id = ?", [.text(id)])
                expected[id] = "community"
            }
        }
        try db.execute("UPDATE images SET visibility = ? WHERE id = ?", [.text(preUpdate.1), .text(preUpdate.0)])
        if contradict {
            let insert = "INSERT INTO images (id, status, is_public, visibility, created_at, deleted, min_disk, min_ram) VALUES (?, 'active', ?, ?, \(now), FALSE, 0, 0)"
            let attempts: [(String, [SQLValue])] = [
                (insert, [.text("\(name)-both"), .integer(1), "private"]),
                (insert, [.text("\(name)-neither"), .null, .null]),
                ("UPDATE images SET is_public = FALSE, visibility = 'private' WHERE id = '\(name)-0'", []), // both change
                ("UPDATE images SET visibility = NULL WHERE id = '\(name)-0'", []),
                ("UPDATE images SET is_public = NULL WHERE id = '\(name)-0'", []),
            ]
            for (sql, parameters) in attempts {
                do {
                    try db.execute(sql, parameters)
                    throw TestSetupError("accepted a contradictory write: \(sql)")
                } catch let error as DatabaseError {
                    guard error.message.contains("Invalid visibility value") else { throw error }
                }
            }
        }
        return expected
    }

    /// New-release inserts for as long as `db migrate` runs (and at least 20).
    static func lateWriter(_ db: any Database, name: String, until migrate: ResultsBox<CommandResult>) throws -> [String: String] {
        var expected: [String: String] = [:]
        var i = 0
        while i < 20 || migrate.values.isEmpty {
            let id = "\(name)-\(i)"
            try insertNew(db, id, visibility: visibilities[i % 4])
            expected[id] = visibilities[i % 4]
            i += 1
        }
        return expected
    }

    /// Runs each writer on a thread with a connection of its own (and `alongside` on one more), waits for
    /// all, and returns what each wrote or rethrows the first failure.
    static func concurrently(_ scratch: ScratchDatabase, _ writers: [@Sendable (any Database) throws -> [String: String]],
                             alongside: (@Sendable () -> Void)? = nil) throws -> [[String: String]] {
        let results = ResultsBox<[String: String]>()
        let group = DispatchGroup()
        for writer in writers {
            group.enter()
            Thread {
                results.append(Result { try writer(try scratch.connect()) })
                group.leave()
            }.start()
        }
        if let alongside {
            group.enter()
            Thread { alongside(); group.leave() }.start()
        }
        group.wait()
        return try results.values.map { try $0.get() }
    }
}

final class ResultsBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<Value, Error>] = []
    func append(_ result: Result<Value, Error>) { lock.lock(); stored.append(result); lock.unlock() }
    var values: [Result<Value, Error>] { lock.lock(); defer { lock.unlock() }; return stored }
}
