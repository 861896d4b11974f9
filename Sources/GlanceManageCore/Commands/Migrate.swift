import ArgumentParser

extension DB {
    /// `db migrate`: runs the pending data migrations of every release (Glance runs only the current
    /// release's, so earlier ones never run).
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the data migration phase of a database migration.")

        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let database = try GlanceDatabase.openForWriting(connection.resolve())
            try Self.migrate(database)
        }

        static func migrate(_ database: GlanceDatabase) throws {
            let heads = try database.heads()
            if database.isApplied(database.contractHead, heads: heads) {
                Output.line("Database is up to date. No migrations needed.")
                throw CommandOutcome(status: .success)
            }
            guard database.isApplied(database.expandHead, heads: heads) else {
                throw CLIFailure("Data migration did not run. Data migration cannot be run before database expansion. Run database expansion first using \"glance-manage db expand\"")
            }
            if try database.pendingDataMigrations().isEmpty {
                Output.line("Database migration is up to date. No migration needed.")
            } else {
                Output.line("Migrated \(try database.runDataMigrations()) rows")
            }
        }
    }
}
