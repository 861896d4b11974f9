import DatabaseCore
import Foundation
import Testing
import TestSupport

/// Bad input of every kind: one clear line on stderr, exit 1, and the database exactly as it was
/// (the file's bytes on SQLite; the catalog and every table's row count on PostgreSQL).
@Suite struct BadInputCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        /// SQL run on a database at Alembic head (`atHead`) or holding Glance's legacy 44 schema.
        let setup: String
        /// The setup in MySQL's spelling where it differs (`DROP INDEX … ON table`).
        let mysqlSetup: String?
        let atHead: Bool
        let backends: [TestBackend]
        let message: String
        /// The message on MySQL where it differs: there a legacy database is verified before any script runs.
        let mysqlMessage: String?

        /// `backends` defaults to every backend.
        init(_ description: String, atHead: Bool, _ setup: String, mysqlSetup: String? = nil,
             backends: [TestBackend]? = nil, _ message: String, mysqlMessage: String? = nil) {
            self.description = description
            self.setup = setup
            self.mysqlSetup = mysqlSetup
            self.atHead = atHead
            self.backends = backends ?? TestBackend.all
            self.message = message
            self.mysqlMessage = mysqlMessage
        }

        func message(on backend: TestBackend) -> String { backend == .mysql ? mysqlMessage ?? message : message }
    }

    static let cases: [Case] = [
        Case("unknown alembic id", atHead: true, "UPDATE alembic_version SET version_num = 'zzz_future01'",
             "the database is at revision 'zzz_future01', which this tool does not know (a newer release, or a corrupt alembic_version table)"),
        Case("newer release's id", atHead: true, "UPDATE alembic_version SET version_num = '2025_2_expand01'",
             "the database is at revision '2025_2_expand01', which this tool does not know (a newer release, or a corrupt alembic_version table)"),
        Case("several rows on one line", atHead: true, "INSERT INTO alembic_version VALUES ('liberty')",
             "the alembic_version table is not usable: rows 'liberty' and '2024_1_contract01' are on the same line of history"),
        Case("empty id", atHead: true, "UPDATE alembic_version SET version_num = ''",
             "the alembic_version table is not usable: it holds an empty revision id"),
        Case("empty version table, unknown schema", atHead: true, "DELETE FROM alembic_version; DROP INDEX os_hidden_image_idx",
             mysqlSetup: "DELETE FROM alembic_version; DROP INDEX os_hidden_image_idx ON images",
             "the database has Glance tables but no version table, and its schema matches no known version"),
        Case("legacy non-numeric", atHead: false, "UPDATE migrate_version SET version = 'forty-four'", backends: [.sqlite],
             "migrate_version.version is 'forty-four', which is not a legacy version number"),
        Case("legacy NULL", atHead: false, "UPDATE migrate_version SET version = NULL",
             "migrate_version.version is 'NULL', which is not a legacy version number"),
        Case("legacy negative", atHead: false, "UPDATE migrate_version SET version = -1",
             "migrate_version.version is '-1', which is not a legacy version number"),
        Case("legacy 0 with tables", atHead: false, "DROP INDEX owner_image_idx; UPDATE migrate_version SET version = 0",
             mysqlSetup: "DROP INDEX owner_image_idx ON images; UPDATE migrate_version SET version = 0",
             "the database has Glance tables but no version table, and its schema matches no known version"),
        Case("legacy 41 on a 44 schema", atHead: false, "UPDATE migrate_version SET version = 41",
             "legacy script 042_add_changes_to_reinstall_unique_metadef_constraints failed",
             mysqlMessage: "the database claims legacy version 41 but its schema is that of legacy version 43"),
        Case("legacy 46", atHead: false, "UPDATE migrate_version SET version = 46",
             "legacy version 46 is not a Glance legacy version"),
        Case("legacy 99", atHead: false, "UPDATE migrate_version SET version = 99",
             "legacy version 99 is not a Glance legacy version"),
        Case("another repository", atHead: false, "UPDATE migrate_version SET repository_id = 'Nova Migrations'",
             "migrate_version holds no 'Glance Migrations' row (found: Nova Migrations)"),
    ]

    static var arguments: [(Case, TestBackend)] {
        cases.flatMap { c in c.backends.map { (c, $0) } }
    }

    @Test(arguments: arguments)
    func isRefusedInOneLineAndChangesNothing(_ c: Case, _ backend: TestBackend) throws {
        let scratch: ScratchDatabase
        if c.atHead {
            scratch = try backend.makeScratch()
            #expect(try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url]).status == 0)
        } else {
            scratch = try Fixtures.legacyDatabase(44, backend)
        }
        try scratch.connect().executeScript(backend == .mysql ? c.mysqlSetup ?? c.setup : c.setup)
        let before = try DatabaseSnapshot(scratch)
        for action in [["db", "sync"], ["db", "upgrade"], ["db", "expand"]] {
            let r = try GlanceManageBinary.run(action + ["--connection", scratch.url])
            #expect(r.status == 1, "\(action): \(r)")
            // Progress lines may come first; the failure itself is one line.
            let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("ERROR: ") || $0.hasPrefix("Failed to sync database: ERROR: ") }
            #expect(errors.count == 1, "\(action): \(r)")
            #expect(errors.first?.contains(c.message(on: backend)) == true, "\(action): \(r)")
            #expect(!r.stdout.contains("Placing database"), "\(r)")
        }
        #expect(try DatabaseSnapshot(scratch) == before)
    }

    @Test func readOnlySQLiteFileIsNeverWritten() throws {
        let scratch = try TestBackend.sqlite.makeScratch()
        _ = try scratch.connect() // creates the empty file
        let before = try DatabaseSnapshot(scratch)
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url + "?mode=ro"])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.split(separator: "\n").filter { $0.contains("ERROR: ") } == ["Failed to sync database: ERROR: attempt to write a readonly database"], "\(r)")
        #expect(try DatabaseSnapshot(scratch) == before)
    }

    @Test func unknownRowIsReportedTruthfullyByVersion() throws {
        let scratch = try TestBackend.sqlite.makeScratch()
        #expect(try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url]).status == 0)
        try scratch.connect().execute("UPDATE alembic_version SET version_num = '2025_2_contract01'")
        var r = try GlanceManageBinary.run(["db", "version", "--connection", scratch.url])
        #expect(r.status == 0)
        #expect(r.stdoutLines == ["2025_2_contract01 (unknown to glance-bridge: written by a newer Glance, or corrupt)"])
        r = try GlanceManageBinary.run(["db", "check", "--connection", scratch.url])
        #expect(r.status == 1)
        #expect(r.stderr.contains("which this tool does not know"))
    }
}
