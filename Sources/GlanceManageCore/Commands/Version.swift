import ArgumentParser
import FoundationEssentials
import LegacyBridge

extension DB {
    /// `db version`: the current heads, one per line, as Glance prints them; for any other history one
    /// line that says what it is (legacy version and the revision it maps to, both version tables,
    /// pre-Queens ids). Reads only: never creates the file, never writes.
    struct Version: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "version", abstract: "Print database's current migration level")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Output format.") var format: OutputFormat = .text

        func run() throws {
            try Self.report(ConnectionChoice(connection: connection.connection, configFiles: connection.configFiles),
                            format: format)
        }

        /// The command's work, on plain values: `GlanceManageMain.quickVersion` calls it without building the
        /// parser's property wrappers.
        static func report(_ choice: ConnectionChoice, format: OutputFormat) throws {
            let url = try choice.resolve()
            let database = try GlanceDatabase.openForReading(url)
            let detection = try database.detect()
            // Reading tells the truth even about rows this tool does not know (a newer release).
            let unknown = detection.effectiveHeads.filter { database.map.revision($0) == nil }
            if !unknown.isEmpty, format == .text {
                Output.line(detection.alembicRows.map { unknown.contains($0) ? "\($0) (unknown to glance-bridge: written by a newer Glance, or corrupt)" : $0 }.joined(separator: ", "))
                return
            }
            // From the same snapshot as the detection: a second read could see the other side of a bridge.
            let heads = unknown.isEmpty ? try database.heads(of: detection) : []
            // The recorded heads stay the answer (Glance's format); a revision half-way is said beside them.
            let partial = unknown.isEmpty ? try database.partialRevision(detection) : nil
            switch format {
            case .json:
                printJSON([
                    "database": url.redacted,
                    "dialect": url.dialect.rawValue,
                    "history": detection.kind.rawValue,
                    "alembic_rows": detection.alembicRows,
                    "heads": heads,
                    "legacy_version": detection.legacyVersion.map { $0 as Any } ?? jsonNull,
                    "legacy_maps_to": detection.legacyVersion.flatMap { StampingMap.revisionForLegacyVersion[$0] }.map { $0 as Any } ?? jsonNull,
                    "pre_queens_ids": Dictionary(uniqueKeysWithValues: detection.preQueensRows),
                    "under_alembic_control": !heads.isEmpty,
                    "at_head": database.phase(heads: heads) == .atHead,
                    "summary": detection.summary,
                    "unknown_rows": unknown,
                    "partly_applied": partial.map(\.json) ?? jsonNull,
                ])
            case .text:
                GlanceDatabase.notePartial(partial)
                if detection.kind == .alembic && detection.preQueensRows.isEmpty {
                    for head in heads { Output.line(head) }
                } else {
                    Output.line(detection.summary)
                }
            }
        }
    }
}
