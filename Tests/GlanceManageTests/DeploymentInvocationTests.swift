import Foundation
import Testing
import TestSupport

/// How deployment tools call `glance-manage`, replayed against the real tool's transcript
/// (`Tests/Fixtures/transcripts/modern-sqlite.txt`, Glance 33.0.0): every step's stdout and exit status.
@Suite struct DeploymentInvocationTests {
    struct Step {
        let arguments: [String]
        let stdout: [String]
        let status: Int32
    }

    /// The `$ glance-manage …` steps of one `## Scenario X:` section.
    static func steps(ofScenario letter: String) throws -> [Step] {
        let text = try String(contentsOfFile: Fixtures.referenceTranscript("modern-sqlite.txt"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Scenario ").first { $0.hasPrefix(letter + ":") })
        var steps: [Step] = []
        var arguments: [String]?
        var stdout: [String] = []
        for line in section.split(separator: "\n").map(String.init) {
            if line.hasPrefix("$ glance-manage ") {
                arguments = line.dropFirst("$ glance-manage ".count).split(separator: " ").map(String.init)
                stdout = []
            } else if line.hasPrefix("  out| ") {
                stdout.append(String(line.dropFirst("  out| ".count)))
            } else if line.hasPrefix("  -> exit="), let current = arguments {
                let status = Int32(line.dropFirst("  -> exit=".count).prefix { $0.isNumber })!
                steps.append(Step(arguments: current, stdout: stdout, status: status))
                arguments = nil
            }
        }
        return steps
    }

    let directory: URL
    let etc: URL
    let database: String
    let environment: [String: String]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("glance-deploy-\(UUID().uuidString)")
        etc = directory.appendingPathComponent("etc/glance")
        try FileManager.default.createDirectory(at: etc, withIntermediateDirectories: true)
        database = directory.appendingPathComponent("glance.sqlite").path
        // Stands in for /etc/glance: Glance's default search, pointed at a temporary directory.
        environment = ["GLANCE_BRIDGE_CONFIG_SEARCH_PATH": etc.path]
    }

    func write(_ text: String, _ name: String) throws -> String {
        let url = etc.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Replays `steps`, each transcript step's `--config-file X db ACTION` rewritten by `invocation(ACTION)`.
    func replay(_ steps: [Step], _ invocation: (String) -> [String]) throws {
        #expect(!steps.isEmpty)
        for step in steps {
            let action = try #require(step.arguments.last)
            #expect(step.arguments == ["--config-file", step.arguments[1], "db", action])
            let r = try GlanceManageBinary.run(invocation(action), environment: environment)
            #expect(r.status == step.status, "\(invocation(action)): \(r)")
            #expect(r.stdoutLines == step.stdout, "\(invocation(action))")
        }
    }

    /// kolla-ansible's bootstrap: `glance-manage db_sync` with only the default config files.
    @Test func kollasBareDbSyncReadsTheDefaultConfigFiles() throws {
        _ = try write("[database]\nconnection = sqlite:///\(database)\n", "glance-api.conf")
        try replay(try Self.steps(ofScenario: "A")) { ["db_" + $0] }
    }

    /// puppet-glance: `glance-manage --config-file /etc/glance/glance-api.conf db_sync`, then the rest.
    @Test func puppetsConfigFileDbSync() throws {
        let conf = try write("[database]\nconnection = sqlite:///\(database)\n", "glance-api.conf")
        try replay(try Self.steps(ofScenario: "A")) {
            $0 == "sync" ? ["--config-file", conf, "db_sync"] : ["--config-file", conf, "db", $0]
        }
    }

    /// A `glance-api.conf.d` directory whose file overrides the main file's connection, through
    /// `db expand` / `db migrate` / `db contract` (Scenario B).
    @Test func configDirectoryOverridesTheMainFileThroughExpandMigrateContract() throws {
        let conf = try write("[database]\nconnection = sqlite:////nonexistent-dir/wrong.sqlite\n", "glance-api.conf")
        _ = try write("[DATABASE]\r\nconnection = \"sqlite:///\(database)\"\r\n", "glance-api.conf.d/50-database.conf")
        let dir = etc.appendingPathComponent("glance-api.conf.d").path
        try replay(try Self.steps(ofScenario: "B")) { ["--config-file", conf, "--config-dir", dir, "db", $0] }
        #expect(FileManager.default.fileExists(atPath: database))
    }

    /// kolla-ansible's `glance-manage db_load_metadefs`: the path comes from `metadata_source_path` in the
    /// default config files.
    @Test func kollasBareLoadMetadefsUsesTheDefaultConfig() throws {
        let metadefs = try MetadefSamples.directory(["compute.json": MetadefSamples.compute])
        _ = try write("[DEFAULT]\nmetadata_source_path = \(metadefs.path)\n[database]\nconnection = sqlite:///\(database)\n",
                      "glance-api.conf")
        var r = try GlanceManageBinary.run(["db_sync"], environment: environment)
        #expect(r.status == 0, "\(r)")
        r = try GlanceManageBinary.run(["db_load_metadefs"], environment: environment)
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("INFO glance.db.sqlalchemy.metadata [-] File \(metadefs.path)/compute.json loaded to database."),
                "\(r)")
    }
}
