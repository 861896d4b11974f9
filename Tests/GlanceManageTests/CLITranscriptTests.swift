import DatabaseCore
import Foundation
import Testing
import TestSupport

/// The built `glance-manage` against Glance's recorded transcripts (`transcripts/modern-sqlite.txt`):
/// stdout lines and exit codes, on every backend.
@Suite struct CLITranscriptTests {
    @Test(arguments: TestBackend.all)
    func freshSyncThenEveryCommandIsUpToDate(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]

        var r = try GlanceManageBinary.run(c + ["db", "version"])
        #expect(r.status == 0)
        #expect(r.stdoutLines == ["Database is either not under migration control or under legacy migration control, please run \"glance-manage db sync\" to place the database under alembic migration control."])
        r = try GlanceManageBinary.run(["db", "check"] + c)
        #expect(r.status == 3)
        #expect(r.stdoutLines == ["Your database is not up to date. Your first step is to run `glance-manage db expand`."])

        r = try GlanceManageBinary.run(c + ["db", "sync"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines == [
            "Upgraded database to: 2024_1_expand01, current revision(s): 2024_1_expand01",
            "Database migration is up to date. No migration needed.",
            "Upgraded database to: 2024_1_contract01, current revision(s): 2024_1_contract01",
            "Database is synced successfully.",
        ])
        #expect(r.stderr.contains("INFO alembic.runtime.migration [-] Running upgrade  -> liberty, liberty initial"))
        #expect(r.stderr.contains("Running upgrade 2023_1_contract01 -> 2024_1_contract01"))

        r = try GlanceManageBinary.run(c + ["db", "version"])
        #expect(r.stdoutLines == ["2024_1_contract01"])
        r = try GlanceManageBinary.run(c + ["db", "check"])
        #expect(r.status == 0)
        #expect(r.stdoutLines == ["Database is up to date. No upgrades needed."])
        for action in ["expand", "migrate", "contract", "sync"] {
            r = try GlanceManageBinary.run(c + ["db", action])
            #expect(r.status == 0, "\(action): \(r)")
            #expect(r.stdoutLines == ["Database is up to date. No migrations needed."], "\(action)")
        }
        r = try GlanceManageBinary.run(c + ["db", "upgrade"])
        #expect(r.stdoutLines == ["Upgraded database, current revision(s): 2024_1_contract01"])

        let diff = SchemaDiff(try Fixtures.referenceHeadSchema(backend), try scratch.connect().introspect())
        #expect(diff.isEmpty, "\(diff)")

        r = try GlanceManageBinary.run(c + ["db", "version", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["heads"] as? [String] == ["2024_1_contract01"])
        #expect(json["at_head"] as? Bool == true)
        #expect(json["dialect"] as? String == backend.rawValue)
        r = try GlanceManageBinary.run(c + ["db", "history"])
        #expect(r.stdoutLines.first == "2023_1_contract01 -> 2024_1_contract01 (head, current) depends on 2024_1_expand01")
        #expect(r.stdoutLines.last == "<base> -> liberty, liberty initial")
        #expect(r.stdoutLines.count == 29)
    }

    @Test(arguments: TestBackend.all)
    func expandMigrateContractWithCheckAtEveryStep(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]
        var r = try GlanceManageBinary.run(c + ["db", "migrate"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Data migration did not run. Data migration cannot be run before database expansion."))
        r = try GlanceManageBinary.run(c + ["db", "contract"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Database contraction did not run. Database contraction cannot be run before database expansion."))

        r = try GlanceManageBinary.run(c + ["db", "expand"])
        #expect(r.stdoutLines == ["Upgraded database to: 2024_1_expand01, current revision(s): 2024_1_expand01"])
        r = try GlanceManageBinary.run(c + ["db", "expand"])
        #expect(r.stdoutLines == ["Database expansion is up to date. No expansion needed."])
        r = try GlanceManageBinary.run(c + ["db", "version"])
        #expect(r.stdoutLines == ["2024_1_expand01"])
        r = try GlanceManageBinary.run(c + ["db", "check"])
        #expect(r.status == 5)
        #expect(r.stdoutLines == ["Your database is not up to date. Your next step is to run `glance-manage db contract`."])
        r = try GlanceManageBinary.run(c + ["db", "migrate"])
        #expect(r.stdoutLines == ["Database migration is up to date. No migration needed."])
        r = try GlanceManageBinary.run(c + ["db", "contract"])
        #expect(r.stdoutLines == ["Upgraded database to: 2024_1_contract01, current revision(s): 2024_1_contract01"])
        r = try GlanceManageBinary.run(c + ["db", "check", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["exit_code"] as? Int == 0)
        #expect(json["heads"] as? [String] == ["2024_1_contract01"])
        let diff = SchemaDiff(try Fixtures.referenceHeadSchema(backend), try scratch.connect().introspect())
        #expect(diff.isEmpty, "\(diff)")
    }

    /// A database holding images whose visibility was never migrated: `db check` says 4, `db contract`
    /// refuses, `db migrate` fixes the rows, and contract then succeeds (Glance fails at contract here).
    @Test(arguments: TestBackend.all)
    func pendingVisibilityMigrationIsReportedAndRun(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]
        var r = try GlanceManageBinary.run(c + ["db", "upgrade", "--version", "mitaka02"])
        #expect(r.stdoutLines == ["Upgraded database to: mitaka02, current revision(s): mitaka02"], "\(r)")
        let db = try scratch.connect()
        try db.execute("INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram) VALUES ('a', 'active', TRUE, '2026-01-01', FALSE, 0, 0)")
        try db.execute("INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram) VALUES ('b', 'active', FALSE, '2026-01-01', FALSE, 0, 0)")
        r = try GlanceManageBinary.run(c + ["db", "expand"])
        #expect(r.status == 0, "\(r)")
        r = try GlanceManageBinary.run(c + ["db", "check"])
        #expect(r.status == 4)
        #expect(r.stdoutLines == ["Your database is not up to date. Your next step is to run `glance-manage db migrate`."])
        r = try GlanceManageBinary.run(c + ["db", "contract"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Database contraction did not run. Database contraction cannot be run before data migration is complete. Run data migration using \"glance-manage db migrate\"."))
        r = try GlanceManageBinary.run(c + ["db", "migrate"])
        #expect(r.stdoutLines == ["Migrated 2 rows"])
        r = try GlanceManageBinary.run(c + ["db", "check"])
        #expect(r.status == 5)
        r = try GlanceManageBinary.run(c + ["db", "contract"])
        #expect(r.status == 0)
        let rows = try db.query("SELECT id, visibility FROM images ORDER BY id")
        #expect(rows.map { "\($0["id"])=\($0["visibility"])" } == ["a=public", "b=private"])
    }

    @Test(arguments: TestBackend.all)
    func versionControlStampsWithoutTables(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]
        var r = try GlanceManageBinary.run(c + ["db", "version_control"])
        #expect(r.stdoutLines == ["Placed database under migration control at revision: liberty"])
        r = try GlanceManageBinary.run(c + ["db", "version_control", "--version", "mitaka02"])
        #expect(r.stdoutLines == ["Placed database under migration control at revision: mitaka02"])
        r = try GlanceManageBinary.run(c + ["db", "version"])
        #expect(r.stdoutLines == ["mitaka02"])
        r = try GlanceManageBinary.run(c + ["db_version_control", "ocata01"])
        #expect(r.stdoutLines == ["Placed database under migration control at revision: ocata01"])
        r = try GlanceManageBinary.run(c + ["db", "version"])
        #expect(r.stdoutLines == ["ocata_contract01"])
        #expect(try scratch.connect().introspect().tableNames == ["alembic_version"])
    }

    @Test(arguments: TestBackend.all)
    func sqlOptionPrintsStatementsAndChangesNothing(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]
        let before = try scratch.connect().introspect()
        let r = try GlanceManageBinary.run(c + ["db", "sync", "--sql"])
        #expect(r.status == 0, "\(r)")
        // SQLite DDL is written as SQLAlchemy writes it (quoted only where needed); the others quote all.
        let q = backend.dialect.quote
        let images = backend == .sqlite ? "CREATE TABLE images (" : "CREATE TABLE \(q("images")) ("
        #expect(r.stdout.contains(images))
        #expect(r.stdout.contains("-- Running upgrade 2023_1_contract01 -> 2024_1_contract01"))
        #expect(r.stdout.contains("'2024_1_contract01'"))
        #expect(try scratch.connect().introspect() == before)
        let upgrade = try GlanceManageBinary.run(c + ["db", "upgrade", "--version", "mitaka01", "--sql"])
        let index = backend == .sqlite ? "CREATE INDEX created_at_image_idx" : "CREATE INDEX \(q("created_at_image_idx"))"
        #expect(upgrade.stdout.contains(index))
        #expect(!upgrade.stdout.contains("ocata"))
        #expect(try scratch.connect().introspect() == before)
    }
}
