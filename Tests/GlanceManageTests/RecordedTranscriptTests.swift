import DatabaseCore
import Foundation
import Testing
import TestSupport

/// Every command of Glance's recorded transcripts, replayed in order on a fresh database per config file:
/// stdout line for line, the exit code, and the state recorded after each scenario (version rows, tables).
/// A backend is one entry of `RecordedTranscript.all`: its transcript file, plus an optional
/// `.divergences` file for the steps where we differ from Glance on purpose, each answered by the real
/// tool's output for the same state in another transcript or scenario (see `RecordedTranscript.divergences`).
@Suite struct RecordedTranscriptTests {
    @Test(arguments: RecordedTranscript.all)
    func everyRecordedCommandAnswersAsGlanceDid(_ recorded: RecordedTranscript) throws {
        let transcript = try Transcript(Fixtures.text("transcripts/" + recorded.file))
        let (divergences, pending) = try recorded.divergences()
        let steps = transcript.scenarios.flatMap(\.steps)
        #expect(steps.count > 5, "\(recorded.file) has \(steps.count) steps")
        for label in divergences.steps.keys {
            #expect(transcript.step(label) != nil, "divergence \(label) names no step")
        }
        for label in divergences.unanswered.keys {
            #expect(transcript.step(label) != nil, "unanswered \(label) names no step")
        }
        for label in divergences.states.keys {
            #expect(transcript.scenarios.contains { $0.letter == label }, "state \(label) names no scenario")
        }
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
                let arguments = step.arguments.map { $0 == configName ? database.configPath : $0 }
                let result = try GlanceManageBinary.run(arguments)
                // Run for the state it leaves; what it prints no real output has (the reason names its test).
                if divergences.unanswered[step.label] != nil { continue }
                let expected = divergences.steps[step.label] ?? RecordedTranscript.Answer(step)
                for command in expected.commands {
                    #expect(command == step.command, "\(step) is answered by \(command)")
                }
                #expect(result.status == expected.exitStatus, "\(recorded.file) \(step): \(result)")
                #expect(Self.lines(result.stdout) == expected.stdout, "\(recorded.file) \(step): \(result)")
            }
            // The recorded state is what the whole scenario left; a scenario with a pending step proves nothing.
            guard let database = last, !skipped else { continue }
            let db = try database.scratch.connect()
            let recordedRows = divergences.states[scenario.letter] ?? scenario.versionRows
            if let rows = recordedRows {
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

    /// What a step is expected to print: one recorded step's output, or several recorded steps' lines one
    /// after another (a run of ours that does what two real runs did).
    struct Answer {
        var commands: [String]
        var stdout: [String]
        var exitStatus: Int32

        init(_ step: Transcript.Step) {
            self = Answer(commands: [step.command], stdout: step.stdout, exitStatus: step.exitStatus)
        }

        init(commands: [String], stdout: [String], exitStatus: Int32) {
            self.commands = commands
            self.stdout = stdout
            self.exitStatus = exitStatus
        }
    }

    /// What `<file>.divergences` says, when it exists. Lines (`#` starts a comment):
    /// - `<step> <other file> <parts>  <reason>`: the step answers as the real tool did there. `<parts>` is
    ///   one recorded step (`A.5`, `legacy44/S.3`) or several joined by `+`, each optionally narrowed to its
    ///   stdout lines `a-b` (`legacy44/W.2:1-2+legacy44/S.2`); the exit status is the last part's.
    /// - `<scenario> state <other file> <scenario>  <reason>`: the scenario ends with the version rows the
    ///   other scenario recorded (ours carried the database where the real tool's run failed).
    /// - `<step> unanswered <reason>`: run for the state it leaves, not compared: what we print there no real
    ///   output has (the reason names the test that holds it).
    /// - `<step or scenario/.*> pending <reason>`: a step a replay cannot run (not run, not checked).
    func divergences() throws -> (Divergences, pending: [String: String]) {
        var divergences = Divergences()
        var pending: [String: String] = [:]
        let name = "transcripts/" + file.replacing(".txt", with: ".divergences")
        guard FileManager.default.fileExists(atPath: Fixtures.directory.appendingPathComponent(name).path) else {
            return (divergences, pending)
        }
        var others: [String: Transcript] = [:]
        func transcript(_ file: String) throws -> Transcript {
            if let known = others[file] { return known }
            let other = try Transcript(Fixtures.text("transcripts/" + file))
            others[file] = other
            return other
        }
        var seen: Set<String> = []
        for line in try Fixtures.text(name).split(separator: "\n") where !line.hasPrefix("#") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 3 else { throw TestSetupError("\(name): bad line \(line)") }
            guard seen.insert(words[0]).inserted else { throw TestSetupError("\(name): \(words[0]) twice") }
            switch words[1] {
            case "pending": pending[words[0]] = words.dropFirst(2).joined(separator: " ")
            case "unanswered": divergences.unanswered[words[0]] = words.dropFirst(2).joined(separator: " ")
            case "state":
                guard words.count >= 4,
                      let other = try transcript(words[2]).scenarios.first(where: { $0.letter == words[3] }),
                      let rows = other.versionRows else {
                    throw TestSetupError("\(name): no recorded state for \(line)")
                }
                divergences.states[words[0]] = rows
            default:
                divergences.steps[words[0]] = try Self.answer(words[2], in: transcript(words[1]), line: line)
            }
        }
        return (divergences, pending)
    }

    /// The `<parts>` of a divergence line, read from the other transcript.
    private static func answer(_ parts: String, in other: Transcript, line: Substring) throws -> Answer {
        var answer = Answer(commands: [], stdout: [], exitStatus: -1)
        for part in parts.split(separator: "+") {
            let pieces = part.split(separator: ":")
            guard let step = other.step(String(pieces[0])) else { throw TestSetupError("no step \(part) for \(line)") }
            var lines = step.stdout
            if pieces.count == 2 {
                let bounds = pieces[1].split(separator: "-").compactMap { Int($0) }
                guard bounds.count == 2, bounds[0] >= 1, bounds[0] <= bounds[1], bounds[1] <= lines.count else {
                    throw TestSetupError("bad line range \(part) for \(line)")
                }
                lines = Array(lines[(bounds[0] - 1)..<bounds[1]])
            }
            answer.commands.append(step.command)
            answer.stdout += lines
            answer.exitStatus = step.exitStatus
        }
        return answer
    }
}

/// A `.divergences` file's answers (see `RecordedTranscript.divergences`).
struct Divergences {
    var steps: [String: RecordedTranscript.Answer] = [:]
    var states: [String: [String]] = [:]
    var unanswered: [String: String] = [:]
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
