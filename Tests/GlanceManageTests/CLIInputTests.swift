import Foundation
import Testing
import TestSupport

/// Usage, configuration and bad input: one clear line, the documented exit code, nothing created.
@Suite struct CLIInputTests {
    let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("glance-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    @Test func noArgumentsListsCategoriesAndExits2() throws {
        let r = try GlanceManageBinary.run([])
        #expect(r.status == 2)
        #expect(r.stdoutLines.dropFirst() == ["Available categories:", "\tdb"])
        #expect(r.stdoutLines.first?.hasSuffix(" category action [<args>]") == true)
    }

    @Test func dbWithoutActionListsActionsAndExits2() throws {
        let r = try GlanceManageBinary.run(["db"])
        #expect(r.status == 2)
        #expect(r.stdoutLines.first == "Available actions for 'db':")
        #expect(r.stdoutLines.contains("\tversion - Print database's current migration level"))
        #expect(r.stdoutLines.contains("\tsync - Perform a complete (offline) database migration"))
    }

    @Test func unknownActionIsAUsageError() throws {
        let r = try GlanceManageBinary.run(["db", "frobnicate", "--connection", "sqlite://"])
        #expect(r.status == 2)
    }

    @Test func configFileSuppliesTheConnectionBeforeOrAfterTheAction() throws {
        let db = directory.appendingPathComponent("from-config.sqlite").path
        let conf = directory.appendingPathComponent("glance-api.conf")
        try "[DEFAULT]\ndebug = true\n\n[database]\n# comment\nconnection = sqlite:////does/not/matter\n".write(to: conf, atomically: true, encoding: .utf8)
        let second = directory.appendingPathComponent("override.conf")
        try "[database]\nconnection = sqlite:///\(db)\n".write(to: second, atomically: true, encoding: .utf8)
        var r = try GlanceManageBinary.run(["--config-file", conf.path, "--config-file", second.path, "db", "sync"])
        #expect(r.status == 0, "\(r)")
        #expect(FileManager.default.fileExists(atPath: db))
        r = try GlanceManageBinary.run(["db", "version", "--config-file", conf.path, "--config-file", second.path])
        #expect(r.stdoutLines == ["2024_1_contract01"])
    }

    @Test func defaultDatabaseIsGlanceSqliteInTheWorkingDirectory() throws {
        let r = try GlanceManageBinary.run(["db", "sync"], workingDirectory: directory)
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("using sqlite:///glance.sqlite"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("glance.sqlite").path))
    }

    @Test func versionAndCheckNeverCreateTheDatabase() throws {
        let db = directory.appendingPathComponent("absent.sqlite").path
        var r = try GlanceManageBinary.run(["db", "version", "--connection", "sqlite:///\(db)"])
        #expect(r.status == 0)
        r = try GlanceManageBinary.run(["db", "check", "--connection", "sqlite:///\(db)"])
        #expect(r.status == 3)
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test(arguments: [
        ["--connection", "not a url"],
        ["--connection", "sqlite:/x.sqlite"],
        ["--connection", "mysql+pymysql://glance:pw@db:notaport/glance"],
        ["--connection", "mysql+pymysql://glance:pw@localhost/glance?unix_socket=/nonexistent-dir/mysqld.sock"],
        ["--connection", "postgresql://u:pw@h:notaport/db"],
        ["--config-file", "/nonexistent/glance-api.conf"],
        ["--connection", "sqlite:////nonexistent-dir/glance.sqlite"],
        ["--connection", "sqlite:///glance.sqlite?mode=RO"],
        ["--connection", "sqlite:///glance.sqlite?mode=bogus"],
        ["--connection", "sqlite:///glance.sqlite?mode=rw"],
        ["--connection", "postgresql://glance:p@pw@db/glance"],
    ])
    func badConnectionInputExits1WithOneLine(_ arguments: [String]) throws {
        let r = try GlanceManageBinary.run(["db", "sync"] + arguments, workingDirectory: directory)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r)")
        #expect(r.stderr.hasPrefix("ERROR: "))
        #expect(!r.stderr.contains("pw@"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test(arguments: [["db", "version"], ["db", "check"], ["db", "detect"]])
    func readingFromAMissingDirectoryIsAnErrorNotAnEmptyDatabase(_ action: [String]) throws {
        let r = try GlanceManageBinary.run(action + ["--connection", "sqlite:////nonexistent-dir/glance.sqlite"])
        #expect(r.status == 1)
        #expect(r.stderr == "ERROR: cannot open SQLite database /nonexistent-dir/glance.sqlite: directory /nonexistent-dir does not exist\n")
    }

    @Test func malformedConfigFileNamesFileAndLine() throws {
        let conf = directory.appendingPathComponent("bad.conf")
        try "[database]\nthis line is not an option\n".write(to: conf, atomically: true, encoding: .utf8)
        let r = try GlanceManageBinary.run(["--config-file", conf.path, "db", "sync"])
        #expect(r.status == 1)
        #expect(r.stderr == "ERROR: malformed config file \(conf.path) line 2: expected 'key = value'\n")
    }

    @Test func configWithoutDatabaseConnectionIsAnError() throws {
        let conf = directory.appendingPathComponent("empty.conf")
        try "[DEFAULT]\ndebug = true\n".write(to: conf, atomically: true, encoding: .utf8)
        let r = try GlanceManageBinary.run(["--config-file", conf.path, "db", "version"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no [database] connection"))
    }

    @Test func unreachablePostgresNeverPrintsThePassword() throws {
        let r = try GlanceManageBinary.run(["db", "version", "--connection", "postgresql://glance:s3cr3t%40pw@/glance?host=/nonexistent-socket-dir&connect_timeout=2"])
        #expect(r.status == 1)
        #expect(!r.stderr.contains("s3cr3t"))
        #expect(!r.stdout.contains("s3cr3t"))
    }
}
