import Foundation
import Testing
import TestSupport

/// The oslo.config / oslo.log options of Glance 33.0.0's `glance-manage --help`, through the built binary.
@Suite struct CommonOptionsCLITests {
    let directory: URL
    let database: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("glance-opts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = directory.appendingPathComponent("glance.sqlite").path
    }

    var connection: [String] { ["--connection", "sqlite:///" + database] }

    func write(_ text: String, _ name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Every option name in the real tool's `--help` (Tests/Fixtures/transcripts/glance-manage-help.txt).
    static func glanceOptionNames() throws -> [String] {
        let text = try String(contentsOfFile: Fixtures.referenceTranscript("glance-manage-help.txt"), encoding: .utf8)
        let options = text.components(separatedBy: "\noptions:\n")[1].components(separatedBy: "\n\n")[0]
        var names: [String] = []
        for line in options.split(separator: "\n") where line.hasPrefix("  -") {
            for part in line.trimmingCharacters(in: .whitespaces).components(separatedBy: ", ") {
                if let name = part.split(separator: " ").first, name.hasPrefix("-") { names.append(String(name)) }
            }
        }
        return names
    }

    @Test func helpListsEveryOptionOfGlancesHelp() throws {
        let names = try Self.glanceOptionNames()
        #expect(names.count == 24, "\(names)")
        let r = try GlanceManageBinary.run(["--help"])
        #expect(r.status == 0)
        for name in names { #expect(r.stdout.contains(name), "\(name) missing from --help") }
    }

    /// Each flag and each option with a harmless value is accepted before and after the action.
    @Test(arguments: [
        ["--debug"], ["-d"], ["--nodebug"], ["--use-json"], ["--nouse-json"], ["--use-syslog"], ["--nouse-syslog"],
        ["--use-journal"], ["--nouse-journal"], ["--syslog-log-facility", "LOG_LOCAL0"],
        ["--syslog-log-facility=local3"], ["--log-date-format", "%H:%M:%S"],
    ])
    func optionIsAcceptedBeforeAndAfterTheAction(_ option: [String]) throws {
        var r = try GlanceManageBinary.run(option + connection + ["db", "sync"])
        #expect(r.status == 0, "\(r)")
        r = try GlanceManageBinary.run(connection + ["db", "version"] + option)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines == ["2024_1_contract01"])
    }

    @Test func versionPrintsOursAndTheChainItCarries() throws {
        let r = try GlanceManageBinary.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("glance-bridge "))
        #expect(r.stdout.hasSuffix("(Glance 33.0.0 database chain, head 2024_1_contract01)\n"))
        // After the action, --version is the action's own (a revision), as with Glance.
        let upgrade = try GlanceManageBinary.run(connection + ["db", "upgrade", "--version", "liberty"])
        #expect(upgrade.stdoutLines == ["Upgraded database to: liberty, current revision(s): liberty"], "\(upgrade)")
    }

    @Test func debugLogsAtDebugAndNodebugOrTheConfigDecides() throws {
        var r = try GlanceManageBinary.run(connection + ["--debug", "db", "version"])
        #expect(!r.stderr.contains(" DEBUG "))  // no config file read: nothing to say at DEBUG
        let conf = try write("[database]\nconnection = sqlite:///\(database)\n", "glance-api.conf")
        r = try GlanceManageBinary.run(["--debug", "--config-file", conf, "db", "version"])
        #expect(r.stderr.contains(" DEBUG glance_bridge.config [-] Config files: \(conf)\n"), "\(r)")
        r = try GlanceManageBinary.run(["--config-file", conf, "db", "version"])
        #expect(!r.stderr.contains(" DEBUG "))
        let debugConf = try write("[DEFAULT]\ndebug = true\n[database]\nconnection = sqlite:///\(database)\n", "d.conf")
        r = try GlanceManageBinary.run(["--config-file", debugConf, "db", "version"])
        #expect(r.stderr.contains(" DEBUG glance_bridge.config "))
        r = try GlanceManageBinary.run(["--config-file", debugConf, "--nodebug", "db", "version"])
        #expect(!r.stderr.contains(" DEBUG "))
    }

    @Test func logFileGetsTheRecordsAndLogDirPlacesARelativeOne() throws {
        let log = directory.appendingPathComponent("manage.log").path
        var r = try GlanceManageBinary.run(connection + ["--log-file", log, "db", "sync"])
        #expect(r.status == 0)
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        #expect(logged.contains(" INFO alembic.runtime.migration [-] Running upgrade  -> liberty, liberty initial\n"))
        #expect(r.stderr == logged)  // use_stderr is true for glance-manage: both get every record

        let logs = directory.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        r = try GlanceManageBinary.run(connection + ["--logdir", logs.path, "--logfile", "relative.log", "db", "upgrade"])
        #expect(r.status == 0)
        #expect(FileManager.default.fileExists(atPath: logs.path + "/relative.log"))
        r = try GlanceManageBinary.run(connection + ["--log-dir", logs.path, "db", "upgrade"])
        #expect(FileManager.default.fileExists(atPath: logs.path + "/glance-manage.log"))
    }

    /// oslo.log: without use_stderr, records go to the log file only, or to stdout when there is none.
    @Test func useStderrFalseSendsRecordsToTheFileOrElseStdout() throws {
        let log = directory.appendingPathComponent("only.log").path
        let withFile = try write("[DEFAULT]\nuse_stderr = false\nlog_file = \(log)\n[database]\nconnection = sqlite:///\(database)\n",
                                 "file.conf")
        var r = try GlanceManageBinary.run(["--config-file", withFile, "db", "sync"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("Running upgrade  -> liberty"))
        let noFile = try write("[DEFAULT]\nuse_stderr = false\n[database]\nconnection = sqlite:///\(database)x\n", "out.conf")
        r = try GlanceManageBinary.run(["--config-file", noFile, "db", "sync"])
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains(" INFO alembic.runtime.migration [-] Running upgrade  -> liberty, liberty initial\n"))
    }

    @Test func useJSONWritesEachRecordAsAJSONObject() throws {
        for arguments in [["--use-json"], ["--config-file", try write("[DEFAULT]\nuse_json = yes\n", "j.conf")]] {
            let r = try GlanceManageBinary.run(arguments + connection + ["db", "sync"])
            #expect(r.status == 0, "\(r)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count >= 29)
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["levelname"] as? String == "INFO")
                #expect(object["name"] as? String == "alembic.runtime.migration")
                #expect(object["process"] as? Int != nil)
            }
            #expect(lines.first.map { $0.contains(#""message": "Running upgrade  -> liberty, liberty initial""#) } == true)
            #expect(r.stdoutLines.last == "Database is synced successfully.")
            try FileManager.default.removeItem(atPath: database)
        }
    }

    @Test func logDateFormatShapesTheTimeStamp() throws {
        let r = try GlanceManageBinary.run(connection + ["--log-date-format", "[%Y]", "db", "sync"])
        #expect(r.stderr.split(separator: "\n").allSatisfy { $0.range(of: #"^\[\d{4}\]\.\d{3} \d+ INFO "#,
                                                                        options: .regularExpression) != nil })
    }

    @Test(arguments: [
        (["--syslog-log-facility", "LOG_NOPE"], 1, "ERROR: syslog facility must be one of: LOG_AUTH"),
        (["--log-config-append", "/nonexistent/logging.conf"], 1, "ERROR: Error loading logging config /nonexistent"),
        (["--log-file", "/nonexistent-dir/x.log"], 1, "ERROR: cannot open log file /nonexistent-dir/x.log: "),
        (["--config-dir", "/nonexistent-dir"], 1, "ERROR: cannot read config directory /nonexistent-dir: "),
        (["--log-file"], 2, "glance-manage: error: argument --log-file: expected one argument"),
        (["--debug=yes"], 2, "glance-manage: error: argument --debug: ignored explicit argument 'yes'"),
    ] as [([String], Int32, String)])
    func badCommonOptionIsOneLineAndTouchesNothing(_ option: [String], _ status: Int32, _ prefix: String) throws {
        let r = try GlanceManageBinary.run(connection + ["db", "sync"] + option)
        #expect(r.status == status, "\(r)")
        #expect(r.stderr.hasPrefix(prefix), "\(r)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func shellCompletionPrintsTheParsersScripts() throws {
        var r = try GlanceManageBinary.run(["--shell_completion", "bash"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("complete -o filenames -F _glance-manage glance-manage")
                || r.stdout.contains("_glance-manage"), "\(r.stdout.prefix(300))")
        r = try GlanceManageBinary.run(["--shell_completion", "zsh"])
        #expect(r.stdout.hasPrefix("#compdef glance-manage"))
        r = try GlanceManageBinary.run(["--shell_completion", "fish"])
        #expect(r.status == 2)
        #expect(r.stderr == "glance-manage: error: argument --shell_completion: invalid choice: 'fish' (choose from 'bash', 'zsh')\n")
    }
}
