import ArgumentParser
import SchemaAudit

extension DB {
    /// `db correlate`: which legacy versions correspond to which Alembic revisions.
    struct Correlate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "correlate", abstract: "Show which legacy versions correspond to which Alembic revisions.")

        @Option(help: "Output format.") var format: OutputFormat = .text

        func run() throws {
            switch format {
            case .text:
                for pair in Correlation.all { Output.line("\(pair)  (\(pair.note))") }
            case .json:
                printJSON(["correlations": Correlation.all.map {
                    ["legacy": $0.name, "legacy_versions": Array($0.legacyVersions), "alembic": $0.alembicSteps,
                     "alembic_start": $0.alembicStart ?? "", "note": $0.note] as [String: Any]
                }])
            }
        }
    }
}
