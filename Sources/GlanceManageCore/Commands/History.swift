import ArgumentParser
import MigrationEngine

extension DB {
    /// `db history`: every revision, newest first, Alembic-style, marking the database's current heads.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history", abstract: "List the revision history and mark the current heads.")

        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let url = try connection.resolve()
            let database = try GlanceDatabase.openForReading(url)
            let heads = Set(try database.heads())
            let mapHeads = Set(database.map.heads)
            for revision in database.map.revisions.reversed() {
                var line = "\(revision.downRevisions.isEmpty ? "<base>" : revision.downRevisions.joined(separator: ", ")) -> \(revision.id)"
                var marks: [String] = []
                if mapHeads.contains(revision.id) { marks.append("head") }
                if heads.contains(revision.id) { marks.append("current") }
                if !marks.isEmpty { line += " (\(marks.joined(separator: ", ")))" }
                if !revision.branchLabels.isEmpty { line += " (\(revision.branchLabels.joined(separator: ", ")))" }
                if !revision.dependsOn.isEmpty { line += " depends on \(revision.dependsOn.joined(separator: ", "))" }
                if !revision.message.isEmpty { line += ", \(revision.message)" }
                Output.line(line)
            }
        }
    }
}
