import DatabaseCore
import Foundation
import Testing
import TestSupport

/// Every command of Glance's recorded transcripts, replayed in order on a fresh database per config file:
/// stdout line for line, the exit code, and the state recorded after each scenario (version rows, tables).
/// A backend is one entry of `RecordedTranscript.all`: its transcript file, plus an optional
/// `.divergences` file for the steps where we differ from Glance on purpose, each answered by the real
/// tool's output for the same state in another transcript.
@Suite struct RecordedTranscriptTests {
    @Test(arguments: RecordedTranscript.all)
    func everyRecordedCommandAnswersAsGlanceDid(_ recorded: RecordedTranscript) throws {
        let transcript = try Transcript(Fixtures.text("transcripts/" + recorded.file))
        let (divergences, pending) = try recorded.divergences()
        let steps = transcript.scenarios.flatMap(\.steps)
        #expect(steps.count > 5, "\(recorded.file) has \(steps.count) steps")
        for label in divergences.keys { #expect(transcript.step(label) != nil, "divergence \(label) names no step") }
        for label in pending.keys {
            #expect(steps.contains { RecordedTranscript.matches(label, $0.label) }, "pending \(label) names no step")
        }

        var databases: [String: TranscriptDatabase] = [:]
        for scenario in transcript.scenarios {
            var last: TranscriptDatabase?
            var skipped = false
            for step in scenario.steps {
                if pending.keys.contains(where: { RecordedTranscript.matches($0, step.label) }) {
                    skipped = true
                    continue
                }
                #expect(step.program == nil, "\(step) runs \(step.program ?? ""), which a replay cannot")
                let configName = try #require(step.configFile, "\(step) names no config file")
                let database = try databases[configName]
                    ?? TranscriptDatabase(recorded.backend, origin: scenario.origin, title: scenario.title)
                databases[configName] = database
                last = database
                let expected = divergences[step.label] ?? step
                #expect(expected.command == step.command, "\(step) is answered by \(expected)")
                let arguments = step.arguments.map { $0 == configName ? database.configPath : $0 }
                let result = try GlanceManageBinary.run(arguments)
                #expect(result.status == expected.exitStatus, "\(recorded.file) \(step): \(result)")
                #expect(Self.lines(result.stdout) == expected.stdout, "\(recorded.file) \(step): \(result)")
            }
            // The recorded state is what the whole scenario left; a scenario with a pending step proves nothing.
            guard let database = last, !skipped else { continue }
            let db = try database.scratch.connect()
            if let rows = scenario.versionRows {
                let ours = try db.query("SELECT version_num FROM alembic_version")
                    .compactMap { $0["version_num"].stringValue }
                #expect(ours.sorted() == rows.sorted(), "\(recorded.file) scenario \(scenario.letter)")
            }
            if let tables = scenario.tables {
                #expect(Set(try db.introspect().tableNames) == tables, "\(recorded.file) scenario \(scenario.letter)")
            }
        }
    }

    /// Output lines as the transcript records them: every line, empty ones included, without the final
    /// newline's empty remainder.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// One backend's recorded transcript.
struct RecordedTranscript: Sendable, CustomStringConvertible {
    let backend: TestBackend
    let file: String

    static let all = [
        RecordedTranscript(backend: .sqlite, file: "modern-sqlite.txt"),
        RecordedTranscript(backend: .postgresql, file: "modern-postgres.txt"),
        RecordedTranscript(backend: .mysql, file: "modern-mariadb.txt"),
        RecordedTranscript(backend: .mysql, file: "legacy-upgrade-mariadb.txt"),
    ]

    var description: String { file }

    /// Whether a `.divergences` label names `step`: exactly, or every step of a scenario (`legacy44/W.*`).
    static func matches(_ label: String, _ step: String) -> Bool {
        label.hasSuffix(".*") ? step.hasPrefix(label.dropLast()) : label == step
    }

    /// The steps answered by another transcript's step, from `<file>.divergences` when it exists. A line:
    /// `<step> <other file> <other step>  <reason>`, or `<step> pending <reason>` for a step glance-bridge
    /// cannot replay yet (not run, not checked; the work that will answer it is named in the reason); `#`
    /// starts a comment.
    func divergences() throws -> (answers: [String: Transcript.Step], pending: [String: String]) {
        let name = "transcripts/" + file.replacing(".txt", with: ".divergences")
        guard FileManager.default.fileExists(atPath: Fixtures.directory.appendingPathComponent(name).path) else {
            return ([:], [:])
        }
        var others: [String: Transcript] = [:]
        var answers: [String: Transcript.Step] = [:]
        var pending: [String: String] = [:]
        for line in try Fixtures.text(name).split(separator: "\n") where !line.hasPrefix("#") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 3 else { throw TestSetupError("\(name): bad line \(line)") }
            if words[1] == "pending" {
                guard pending.updateValue(words.dropFirst(2).joined(separator: " "), forKey: words[0]) == nil else {
                    throw TestSetupError("\(name): \(words[0]) twice")
                }
                continue
            }
            let other = try others[words[1]] ?? Transcript(Fixtures.text("transcripts/" + words[1]))
            others[words[1]] = other
            guard let step = other.step(words[2]) else {
                throw TestSetupError("\(name): \(words[1]) has no \(words[2])")
            }
            guard answers.updateValue(step, forKey: words[0]) == nil else {
                throw TestSetupError("\(name): \(words[0]) twice")
            }
        }
        return (answers, pending)
    }
}

/// A scratch database and a Glance-style config file naming it, standing in for one recorded `.conf`.
final class TranscriptDatabase {
    let scratch: ScratchDatabase
    let configPath: String

    /// - Parameter origin: the recorded database to start from (`legacy44`: Glance's own legacy-44 dump and
    ///   its `migrate_version` row), nil for an empty database.
    /// - Parameter title: the scenario's title; "CHARACTER SET utf8mb4" in it (MariaDB) creates the database so.
    init(_ backend: TestBackend, origin: String? = nil, title: String = "") throws {
        if backend == .mysql, title.contains("CHARACTER SET utf8mb4") {
            scratch = try backend.makeScratch(characterSet: "utf8mb4")
        } else if let origin {
            guard origin.hasPrefix("legacy"), let version = Int(origin.dropFirst(6)) else {
                throw TestSetupError("no recorded database \(origin) in Tests/Fixtures")
            }
            scratch = try Fixtures.legacyDatabase(version, backend)
        } else {
            scratch = try backend.makeScratch()
        }
        configPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("glance-\(UUID().uuidString).conf").path
        try "[database]\nconnection = \(scratch.url)\n".write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: configPath) }
}
