import Foundation

/// A recorded run of the real `glance-manage` (`Tests/Fixtures/transcripts/*.txt`, copied from the reference
/// material): scenarios of commands, each with its stdout lines and exit code, and the database state
/// recorded after a scenario. The format, as the recording script writes it:
///
///     ## Scenario A: fresh sqlite, db sync
///     $ glance-manage --config-file modern-sqlite.conf db version
///       out| 2024_1_contract01
///       err| 2026-11-24 18:57:17.554 308 INFO alembic.runtime.migration [-] Context impl SQLiteImpl.
///       -> exit=0 wall=1.32s
///     alembic_version rows:
///       2024_1_contract01
///
/// The MariaDB recordings write the state on one line and the tables with their engine and collation:
///
///       state: migrate_version=(no table) alembic_version=[2024_1_contract01]
///     tables (engine, collation):
///       alembic_version	InnoDB	utf8mb3_general_ci
///
/// The legacy-upgrade recordings group sections by the database they start from, each section a scenario
/// on a fresh copy of that database; a section may also run a program other than `glance-manage`:
///
///     ########## mariadb legacy44 (migrate_version=44) ##########
///     --- M: modern glance alone
///     $ glance-manage --config-file m_mariadb_44.conf db version
///     $ python legacy_upgrade.py mysql+pymysql://… 45
///
/// Such scenarios are lettered `legacy44/M` and name their `origin` (`legacy44`).
///
/// Other sections (timings, trigger probes, struct diffs) are not scenarios and are skipped.
public struct Transcript: Sendable {
    public struct Step: Sendable, CustomStringConvertible {
        /// The scenario's letter and the step's 1-based position in it: "A.3".
        public let label: String
        /// The arguments after `glance-manage`, as recorded.
        public let arguments: [String]
        /// The program, when it is not `glance-manage` (a legacy sqlalchemy-migrate script run by `python`).
        public var program: String?
        public var stdout: [String] = []
        public var exitStatus: Int32 = -1

        /// The config file the step names; each names one database.
        public var configFile: String? {
            arguments.firstIndex(of: "--config-file").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }

        /// The command itself, without the config file: "db check".
        public var command: String {
            var words = arguments
            if let i = words.firstIndex(of: "--config-file") { words.removeSubrange(i...min(i + 1, words.count - 1)) }
            return words.joined(separator: " ")
        }

        public var description: String { "\(label) \(command)" }
    }

    public struct Scenario: Sendable {
        public let letter: String
        public let title: String
        /// The recorded database the scenario starts from (`legacy44`), nil for an empty one.
        public var origin: String?
        public var steps: [Step] = []
        /// `alembic_version rows:` after the scenario, when recorded.
        public var versionRows: [String]?
        /// `tables:` after the scenario, when recorded.
        public var tables: Set<String>?
    }

    public let scenarios: [Scenario]

    public init(_ text: String) throws {
        var scenarios: [Scenario] = []
        var block: String?
        var origin: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("########## ") {
                block = nil
                // "mariadb legacy44 (migrate_version=44)" or "mariadb legacy44 + 50 images (file.sql)"
                let words = line.split(separator: " ").map(String.init)
                guard words.count > 2 else { throw TranscriptError("bad group line: \(line)") }
                origin = words[2] + (words.contains("images") ? "+images" : "")
                continue
            }
            if line.hasPrefix("--- "), let origin, let colon = line.firstIndex(of: ":") {
                block = nil
                let letter = origin + "/" + line[line.index(line.startIndex, offsetBy: 4)..<colon]
                var scenario = Scenario(letter: letter, title: String(line[colon...].dropFirst(2)))
                scenario.origin = origin
                scenarios.append(scenario)
                continue
            }
            if line.hasPrefix("## ") {
                block = nil
                guard line.hasPrefix("## Scenario "), let colon = line.firstIndex(of: ":") else { continue }
                let letter = line[line.index(line.startIndex, offsetBy: 12)..<colon]
                scenarios.append(Scenario(letter: String(letter), title: String(line[colon...].dropFirst(2))))
                continue
            }
            guard var scenario = scenarios.popLast() else { continue }
            defer { scenarios.append(scenario) }
            if line.hasPrefix("$ glance-manage ") {
                block = nil
                let words = line.dropFirst(16).split(separator: " ").map(String.init)
                scenario.steps.append(Step(label: "\(scenario.letter).\(scenario.steps.count + 1)", arguments: words))
            } else if line.hasPrefix("$ "), scenario.origin != nil {
                block = nil
                let words = line.dropFirst(2).split(separator: " ").map(String.init)
                var step = Step(label: "\(scenario.letter).\(scenario.steps.count + 1)",
                                arguments: Array(words.dropFirst()))
                step.program = words.first
                step.exitStatus = 0 // recorded without an exit line
                scenario.steps.append(step)
            } else if line.hasPrefix("  out| ") || line == "  out|" {
                guard !scenario.steps.isEmpty else { throw TranscriptError("output before a command: \(line)") }
                scenario.steps[scenario.steps.count - 1].stdout.append(String(line.dropFirst(7)))
            } else if line.hasPrefix("  -> exit=") {
                let status = line.dropFirst(10).prefix { $0.isNumber }
                guard !scenario.steps.isEmpty, let value = Int32(status) else {
                    throw TranscriptError("bad exit line: \(line)")
                }
                scenario.steps[scenario.steps.count - 1].exitStatus = value
            } else if line == "alembic_version rows:" {
                block = "versions"
                scenario.versionRows = []
            } else if line == "tables:" || line == "tables (engine, collation):" {
                block = line == "tables:" ? "tables" : "tableLines"
                scenario.tables = []
            } else if line.hasPrefix("  state: ") {
                block = nil
                scenario.versionRows = try Self.alembicRows(inStateLine: line)
            } else if line.hasPrefix("  "), let current = block {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                switch current {
                case "versions": scenario.versionRows?.append(contentsOf: words)
                case "tables": scenario.tables?.formUnion(words)
                default: scenario.tables?.formUnion(words.prefix(1))
                }
            } else {
                block = nil
            }
        }
        for step in scenarios.flatMap(\.steps) where step.exitStatus < 0 {
            throw TranscriptError("\(step) has no exit line")
        }
        self.scenarios = scenarios
    }

    /// The rows of `alembic_version=[a, b]` in a state line; nil for `(no table)`.
    static func alembicRows(inStateLine line: String) throws -> [String]? {
        guard let range = line.range(of: "alembic_version=") else { throw TranscriptError("bad state line: \(line)") }
        let value = line[range.upperBound...]
        if value.hasPrefix("(no table)") { return nil }
        guard value.hasPrefix("["), let close = value.firstIndex(of: "]") else {
            throw TranscriptError("bad state line: \(line)")
        }
        return value[value.index(after: value.startIndex)..<close]
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The step with `label` ("B.6").
    public func step(_ label: String) -> Step? { scenarios.flatMap(\.steps).first { $0.label == label } }
}

public struct TranscriptError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
