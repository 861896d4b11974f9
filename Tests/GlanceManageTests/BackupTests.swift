import DatabaseCore
import Foundation
import Testing
import TestSupport

/// `--backup PATH` (issue 16.4): the copy keeps the source's mode, is never written through a symbolic
/// link or to an empty name, and a copy that fails leaves nothing behind and changes nothing.
@Suite struct BackupTests {
    private func newPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("glance-bridge-tests", isDirectory: true)
            .appendingPathComponent("backup-\(UUID().uuidString).sqlite").path
    }

    private func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Whatever a backup to `path` could have left: the file, its temporary name, journals.
    private func leftovers(of path: String) throws -> [String] {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let name = URL(fileURLWithPath: path).lastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(name) }
    }

    @Test(arguments: [0o600, 0o640])
    func theCopyKeepsTheSourceFileMode(_ sourceMode: Int) throws {
        let scratch = try Fixtures.legacyDatabase(44, .sqlite)
        try FileManager.default.setAttributes([.posixPermissions: sourceMode], ofItemAtPath: scratch.sqlitePath!)
        let backup = newPath()
        defer { try? FileManager.default.removeItem(atPath: backup) }
        let r = try GlanceManageBinary.run(["db", "sync", "--backup", backup, "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        #expect(try mode(backup) == sourceMode)
        #expect(try leftovers(of: backup) == [URL(fileURLWithPath: backup).lastPathComponent])
        let copy = try GlanceManageBinary.run(["db", "version", "--connection", "sqlite:///" + backup])
        #expect(copy.stdout.hasPrefix("Legacy version 44"), "\(copy)")
    }

    @Test func anEmptyPathIsRefusedBeforeAnyChange() throws {
        let scratch = try Fixtures.legacyDatabase(44, .sqlite)
        let before = try DatabaseSnapshot(scratch)
        let r = try GlanceManageBinary.run(["db", "sync", "--backup", "", "--connection", scratch.url])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "ERROR: --backup needs a file path; '' names no file (nothing was changed)\n")
        #expect(try DatabaseSnapshot(scratch) == before)
    }

    @Test(arguments: [true, false])
    func aSymbolicLinkAtThePathIsRefusedEvenADanglingOne(_ dangling: Bool) throws {
        let scratch = try Fixtures.legacyDatabase(44, .sqlite)
        let before = try DatabaseSnapshot(scratch)
        let target = newPath(), link = newPath()
        if !dangling { try Data("keep".utf8).write(to: URL(fileURLWithPath: target)) }
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        defer { try? FileManager.default.removeItem(atPath: link); try? FileManager.default.removeItem(atPath: target) }
        let r = try GlanceManageBinary.run(["db", "sync", "--backup", link, "--connection", scratch.url])
        #expect(r.status == 1)
        #expect(r.stderr == "ERROR: backup path \(link) is a symbolic link; a backup is never written through one (nothing was changed)\n")
        #expect(try DatabaseSnapshot(scratch) == before)
        if dangling {
            #expect(!FileManager.default.fileExists(atPath: target), "the link was followed")
        } else {
            #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("keep".utf8))
        }
    }

    /// A real write failure: a file-size limit (as a full disk, the kernel refuses the write) set in the
    /// shell that starts glance-manage. SIGXFSZ is ignored so the write fails with EFBIG instead.
    @Test func aFailedCopyLeavesNothingAndTheRetrySucceeds() throws {
        let scratch = try Fixtures.legacyDatabase(44, .sqlite)
        let size = try FileManager.default.attributesOfItem(atPath: scratch.sqlitePath!)[.size] as? NSNumber
        #expect((size?.intValue ?? 0) > 64 * 1024, "the limit below must be smaller than the database")
        let before = try DatabaseSnapshot(scratch)
        let backup = newPath()
        defer { try? FileManager.default.removeItem(atPath: backup) }
        let limited = ["/bin/bash", "-c", "trap '' XFSZ; ulimit -f 32; exec \"$@\"", "glance-manage"]
        let r = try GlanceManageBinary.run(["db", "sync", "--backup", backup, "--connection", scratch.url], launcher: limited)
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("ERROR: backup to \(backup) failed: "), "\(r)")
        #expect(r.stderr.hasSuffix("; the partial copy was removed (nothing was changed)\n"), "\(r)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r)")
        #expect(try leftovers(of: backup).isEmpty)
        #expect(try DatabaseSnapshot(scratch) == before)
        let retry = try GlanceManageBinary.run(["db", "sync", "--backup", backup, "--connection", scratch.url])
        #expect(retry.status == 0, "\(retry)")
        let copy = try GlanceManageBinary.run(["db", "version", "--connection", "sqlite:///" + backup])
        #expect(copy.stdout.hasPrefix("Legacy version 44"), "\(copy)")
    }

    @Test func postgreSQLIsRefusedWithoutAnyChange() throws {
        let scratch = try Fixtures.legacyDatabase(44, .postgresql)
        let before = try DatabaseSnapshot(scratch)
        let backup = newPath()
        let r = try GlanceManageBinary.run(["db", "sync", "--backup", backup, "--connection", scratch.url])
        #expect(r.status == 1)
        #expect(r.stderr == "ERROR: --backup cannot copy a PostgreSQL database; back it up with pg_dump before upgrading (nothing was changed)\n")
        #expect(try DatabaseSnapshot(scratch) == before)
        #expect(!FileManager.default.fileExists(atPath: backup))
    }

    /// On MySQL too: the refusal comes before the lock and before anything is written (on an empty database,
    /// which `db sync` would otherwise fill).
    @Test func mySQLIsRefusedWithoutAnyChange() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        let before = try DatabaseSnapshot(scratch)
        let backup = newPath()
        let r = try GlanceManageBinary.run(["db", "sync", "--backup", backup, "--connection", scratch.url])
        #expect(r.status == 1)
        #expect(r.stderr == "ERROR: --backup cannot copy a MySQL database; back it up with mariadb-dump (mysqldump) before upgrading (nothing was changed)\n", "\(r)")
        #expect(try DatabaseSnapshot(scratch) == before)
        #expect(try scratch.connect().introspect().tables.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: backup))
    }
}
