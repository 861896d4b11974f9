import DatabaseCore
import Foundation
import LegacyBridge
import MigrationEngine
import Testing
import TestSupport

/// A command that fails changes nothing (issue 16.2), and the smaller points of issue 16.7.
@Suite struct FailingCommandTests {
    /// It used to print the stamping line, then fail, leaving migrate_version dropped and alembic_version made.
    @Test(arguments: TestBackend.all)
    func anUnknownTargetOnALegacyDatabaseFailsBeforeStamping(_ backend: TestBackend) throws {
        let scratch = try Fixtures.legacyDatabase(44, backend)
        let before = try DatabaseSnapshot(scratch)
        let r = try GlanceManageBinary.run(["db", "upgrade", "--version", "nosuchrev", "--connection", scratch.url])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty, "\(r)")
        #expect(r.stderr == "ERROR: Can't locate revision identified by 'nosuchrev'\n")
        #expect(try DatabaseSnapshot(scratch) == before)
        #expect(try scratch.connect().tableExists("migrate_version"))
    }

    @Test func aNewlineInTheVersionGivesOneErrorLine() throws {
        let scratch = try Fixtures.legacyDatabase(44, .sqlite)
        for command in [["db", "upgrade", "--version"], ["db", "version_control", "--version"]] {
            let r = try GlanceManageBinary.run(command + ["head\nrm -rf", "--connection", scratch.url])
            #expect(r.status == 1)
            #expect(r.stderr == "ERROR: Can't locate revision identified by 'head\\nrm -rf'\n", "\(r)")
        }
    }

    /// A head schema whose row claims `ocata01`: rewriting the row first left it rewritten when the run failed.
    @Test(arguments: TestBackend.all, ["ocata01", "pike01"])
    func aPreQueensIdOverAnotherSchemaIsRefusedBeforeRewriting(_ backend: TestBackend, _ id: String) throws {
        let scratch = try backend.makeScratch()
        var r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        let db = try scratch.connect()
        try db.execute("UPDATE alembic_version SET version_num = ?", [.text(id)])
        let before = try DatabaseSnapshot(scratch)
        r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 1)
        let today = StampingMap.todaysID(ofPreQueens: id)!
        #expect(r.stderr.hasPrefix("ERROR: the database claims Alembic revision \(id) (today \(today)) but its schema is that of Alembic revision "), "\(r)")
        #expect(r.stderr.hasSuffix("; nothing was changed (use --force to stamp the claimed version anyway)\n"), "\(r)")
        #expect(try VersionTable().rows(in: db) == [id])
        #expect(try DatabaseSnapshot(scratch) == before)
    }

    /// Issue 16.7: a migrate_version shared with another project keeps that project's row.
    @Test(arguments: TestBackend.all)
    func anotherProjectsRowInMigrateVersionIsKept(_ backend: TestBackend) throws {
        let scratch = try Fixtures.legacyDatabase(44, backend)
        let db = try scratch.connect()
        try db.execute("INSERT INTO migrate_version (repository_id, repository_path, version) VALUES ('cinder', '/x', 73)")
        var r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        let rows = try db.query("SELECT repository_id, version FROM migrate_version")
        #expect(rows.map { "\($0["repository_id"].stringValue ?? "")=\($0["version"].intValue ?? -1)" } == ["cinder=73"])
        r = try GlanceManageBinary.run(["db", "version", "--connection", scratch.url])
        #expect(r.status == 0 && r.stdoutLines == ["2024_1_contract01"], "\(r)")
        r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 0 && r.stdout == "Database is up to date. No migrations needed.\n", "\(r)")
    }

    /// Issue 16.7: reading a WAL database leaves no -wal/-shm behind (nor changes a byte).
    @Test func readOnlyCommandsOnAWALDatabaseLeaveNoFiles() throws {
        let scratch = try Fixtures.legacyDatabase(44, .sqlite)
        let path = scratch.sqlitePath!
        do {
            let db = try scratch.connect()
            #expect(try db.query("PRAGMA journal_mode = WAL").first?["journal_mode"].stringValue == "wal")
        }
        let files = [path + "-wal", path + "-shm"]
        #expect(files.allSatisfy { !FileManager.default.fileExists(atPath: $0) }, "the setup left WAL files")
        let before = try DatabaseSnapshot(scratch)
        for command in [["db", "version"], ["db", "check"], ["db", "detect"], ["db", "history"]] {
            let r = try GlanceManageBinary.run(command + ["--connection", scratch.url])
            #expect(r.status != 2, "\(r)")
            for file in files { #expect(!FileManager.default.fileExists(atPath: file), "\(command) left \(file)") }
        }
        #expect(try DatabaseSnapshot(scratch) == before)
    }
}
