import ArgumentParser
import DatabaseCore
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import DatabaseDrivers
import GlanceData
import SchemaAudit

extension DB {
    /// `db compare OLD NEW` / `db compare --all`: proves legacy scripts equivalent to their Alembic
    /// counterparts on scratch databases. Exit 0 only when no difference is unexpected.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare a legacy script with its Alembic counterpart on scratch databases.",
            discussion: "Examples: db compare 045 ocata01; db compare --all --dialect postgresql --connection "
                + "postgresql://…/scratchdb. PostgreSQL comparisons run in temporary schemas of the given database, "
                + "MySQL ones in temporary databases on its server; both are dropped afterwards.")

        @Argument(help: "Legacy version or range (045, 043, 001-042).") var old: String?
        @Argument(help: "The corresponding Alembic revision (ocata01, mitaka01, liberty).") var new: String?
        @Flag(help: "Compare every pair, then check path independence (legacy 0→45 → bridge → head = fresh head).") var all = false
        @Option(help: ArgumentHelp("Dialect of the scratch databases (sqlite: in memory; postgresql: schemas in "
                                   + "the --connection database; mysql: databases on the --connection server)."))
        var dialect: Dialect?
        @Option(help: "Seed of the generated rows.") var seed: UInt64 = 42
        @Option(help: "Output format.") var format: OutputFormat = .text
        @Option(help: "Also write the JSON certificate to this file.") var certificate: String?
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            if all { return }
            guard let old, let new else { throw ValidationError("give OLD and NEW (e.g. 045 ocata01), or --all") }
            guard let pair = Correlation.named(old) else { throw ValidationError("'\(old)' is not a legacy version (see db correlate)") }
            let accepted = Set(pair.alembicSteps.filter { !$0.hasPrefix("data:") }).union(pair.name == "045" ? ["ocata01"] : [])
            guard accepted.contains(new) else {
                throw ValidationError("\(pair.name) corresponds to \(pair.alembicSteps.joined(separator: " + ")), not \(new) (see db correlate)")
            }
        }

        func run() throws {
            let hasConnection = connection.connection != nil || !connection.configFiles.isEmpty
            let chosen = try dialect ?? (hasConnection ? connection.resolve().dialect : .sqlite)
            let scratch = try ScratchDatabases(dialect: chosen, server: connection.resolve)
            let comparator = Comparator(makeScratch: scratch.make)
            var certificates: [Certificate] = []
            let pairs = all ? Correlation.all : [Correlation.named(old ?? "")].compactMap { $0 }
            for pair in pairs { certificates.append(try comparator.compare(pair, seed: seed)) }
            if all { certificates.append(try comparator.pathIndependence(seed: seed)) }
            let document: [String: Any] = ["certificates": certificates.map(\.json),
                                           "unexpected": certificates.map(\.unexpected.count).reduce(0, +)]
            switch format {
            case .text: for certificate in certificates { certificate.report.forEach(Output.line) }
            case .json: printJSON(document)
            }
            if let path = certificate {
                let data = Data((jsonValue(document).pythonJSON(indent: 2) + "\n").utf8)
                do { try data.write(to: URL(fileURLWithPath: path)) } catch {
                    throw CLIFailure("ERROR: cannot write certificate \(path): \(error)")
                }
            }
            if certificates.contains(where: { !$0.unexpected.isEmpty }) { throw CommandOutcome(status: .failure) }
        }
    }
}

extension Dialect: ExpressibleByArgument {}
