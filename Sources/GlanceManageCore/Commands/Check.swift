import ArgumentParser
import FoundationEssentials

extension DB {
    /// `db check`: 0 up to date, 3 expand needed, 4 data migration needed, 5 contract needed.
    /// Works on SQLite and PostgreSQL (Glance refuses PostgreSQL). Reads only.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Report any pending database upgrades.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Output format.") var format: OutputFormat = .text

        func run() throws {
            let url = try connection.resolve()
            let database = try GlanceDatabase.openForReading(url)
            let heads = try database.heads()
            // The next step follows from the recorded heads; a revision half-way is said beside it.
            let partial = try database.partialRevision(database.detect())
            let phase = database.phase(heads: heads)
            // Pending checks can scan whole tables; they only matter between expand and contract.
            let pending = phase == .expanded ? try database.pendingDataMigrations() : []
            let (status, next, message): (ExitStatus, String?, String)
            switch phase {
            case .atHead:
                (status, next, message) = (.success, nil, "Database is up to date. No upgrades needed.")
            case .beforeExpand:
                (status, next, message) = (.expandNeeded, "expand", "Your database is not up to date. Your first step is to run `glance-manage db expand`.")
            case .expanded where !pending.isEmpty:
                (status, next, message) = (.migrateNeeded, "migrate", "Your database is not up to date. Your next step is to run `glance-manage db migrate`.")
            case .expanded:
                (status, next, message) = (.contractNeeded, "contract", "Your database is not up to date. Your next step is to run `glance-manage db contract`.")
            }
            switch format {
            case .text:
                GlanceDatabase.notePartial(partial)
                Output.line(message)
            case .json:
                printJSON([
                    "database": url.redacted,
                    "exit_code": Int(status.rawValue),
                    "heads": heads,
                    "next_step": next ?? jsonNull,
                    "pending_data_migrations": pending.map(\.id),
                    "message": message,
                    "partly_applied": partial.map(\.json) ?? jsonNull,
                ])
            }
            if status != .success { throw CommandOutcome(status: status) }
        }
    }
}
