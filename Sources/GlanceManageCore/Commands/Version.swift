import ArgumentParser

extension DB {
    /// `db version`: the current heads, one per line. Reads only: never creates the file, never writes.
    struct Version: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print database's current migration level")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Output format.") var format: OutputFormat = .text

        static let notUnderControl = "Database is either not under migration control or under legacy migration control, please run \"glance-manage db sync\" to place the database under alembic migration control."

        func run() throws {
            let url = try connection.resolve()
            let database = try GlanceDatabase.openForReading(url)
            let heads = try database.heads()
            switch format {
            case .json:
                printJSON([
                    "database": url.redacted,
                    "dialect": url.dialect.rawValue,
                    "heads": heads,
                    "under_alembic_control": !heads.isEmpty,
                    "at_head": database.isApplied(database.contractHead, heads: heads),
                ])
            case .text:
                if heads.isEmpty { Output.line(Self.notUnderControl) }
                for head in heads { Output.line(head) }
            }
        }
    }
}
