import DatabaseCore
import Foundation

/// Reference material committed under `Tests/Fixtures`: schema dumps made by the real Glance tool.
public enum Fixtures {
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    public static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// A transcript of the real `glance-manage` 33.0.0 (`Tests/Fixtures/transcripts`, copied from the
    /// reference transcripts).
    public static func referenceTranscript(_ name: String) -> String {
        directory.appendingPathComponent("transcripts").appendingPathComponent(name).path
    }

    /// The schema `glance-manage db sync` gives on an empty database, read back through our own
    /// introspection after loading Glance's dump into a scratch database of the same backend.
    public static func referenceHeadSchema(_ backend: TestBackend) throws -> Schema {
        let scratch = try backend.makeScratch()
        let database = try scratch.connect()
        try load("modern-\(backend.fixtureTag)-head.sql", into: database)
        return try database.introspect()
    }

    /// Runs a reference dump (`legacy44-sqlite.sql`, `modern-postgres-head.sql`…) in `database`.
    public static func load(_ name: String, into database: any Database) throws {
        try database.executeScript(text(name))
        if database.dialect == .postgresql {
            // pg_dump empties search_path for the rest of the session.
            _ = try database.query("SELECT pg_catalog.set_config('search_path', 'public', false)")
        }
    }

    /// A real legacy database: Glance's schema dump at `version` plus its `migrate_version` row.
    public static func legacyDatabase(_ version: Int, _ backend: TestBackend) throws -> ScratchDatabase {
        let scratch = try backend.makeScratch()
        let database = try scratch.connect()
        try load("legacy\(version)-\(backend.fixtureTag).sql", into: database)
        try database.execute("INSERT INTO migrate_version (repository_id, repository_path, version) VALUES ('Glance Migrations', '/usr/lib/python3/dist-packages/glance/db/sqlalchemy/migrate_repo', ?)", [.integer(Int64(version))])
        return scratch
    }
}

extension TestBackend {
    /// How the reference dumps name the backend.
    public var fixtureTag: String {
        switch self {
        case .sqlite: return "sqlite"
        case .postgresql: return "postgres"
        case .mysql: return "mariadb"
        }
    }
}

/// Runs the built `glance-manage` and captures what it prints.
public struct CommandResult: Sendable, CustomStringConvertible {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }

    public var description: String { "exit=\(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

public enum GlanceManageBinary {
    /// The executable next to the test bundle (`.build/<config>/glance-manage`), or `$GLANCE_MANAGE_BIN`.
    public static var url: URL {
        if let path = ProcessInfo.processInfo.environment["GLANCE_MANAGE_BIN"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On some platforms the runner lives inside the .xctest bundle.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("glance-manage").path),
              directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("glance-manage")
    }

    /// - Parameter launcher: a command that execs the binary (its path is appended, then `arguments`),
    ///   for limits a test sets in a shell: `["/bin/bash", "-c", "ulimit -f 16; exec \"$@\"", "-"]`.
    @discardableResult
    public static func run(_ arguments: [String], workingDirectory: URL? = nil, environment: [String: String]? = nil,
                           launcher: [String] = []) throws -> CommandResult {
        let process = Process()
        process.executableURL = launcher.first.map { URL(fileURLWithPath: $0) } ?? url
        process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [url.path] + arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = env["GLANCE_TEST_HOME"] ?? "/nonexistent-glance-bridge-home"
        // Never read the machine's /etc/glance: Glance's default config search looks only here unless a test
        // points it elsewhere (README "Connecting").
        env["GLANCE_BRIDGE_CONFIG_SEARCH_PATH"] = "/nonexistent-glance-bridge-config"
        if let environment { env.merge(environment) { $1 } }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain stderr on another thread so a chatty child never blocks on a full pipe.
        let errBox = DataBox()
        let reader = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); errBox.done.signal() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errBox.done.wait()
        let errRest = errBox.data
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errRest, as: UTF8.self))
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}
