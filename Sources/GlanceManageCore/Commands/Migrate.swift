import ArgumentParser

extension DB {
    /// `db migrate`: runs the pending data migrations of every release (Glance runs only the current
    /// release's, so earlier ones never run), in batches with one transaction each, so that it can run
    /// while both releases are writing and can be run again after an interruption.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Run the data migration phase of a database migration.")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var write: WriteOptions
        @Option(name: .customLong("batch-size"), help: "Rows changed per transaction.")
        var batchSize: Int = GlanceDatabase.defaultBatchSize

        func validate() throws {
            guard batchSize > 0 else { throw ValidationError("--batch-size must be a positive number of rows.") }
        }

        func run() throws {
            let database = try GlanceDatabase.openForWriting(connection.resolve(), backup: write.backup)
            try Self.migrate(database, batchSize: batchSize)
        }

        /// - Parameter batchSize: rows per transaction, or nil for one set-based transaction (`db sync`).
        @discardableResult
        static func migrate(_ database: GlanceDatabase, batchSize: Int?) throws -> StepResult {
            switch try database.phase() {
            case .atHead:
                Output.line("Database is up to date. No migrations needed.")
                return .databaseUpToDate
            case .expanded:
                break
            case .beforeExpand:
                throw CLIFailure("Data migration did not run. Data migration cannot be run before database expansion. Run database expansion first using \"glance-manage db expand\"")
            }
            if try database.pendingDataMigrations().isEmpty {
                Output.line("Database migration is up to date. No migration needed.")
            } else {
                Output.line("Migrated \(try database.runDataMigrations(batchSize: batchSize)) rows")
            }
            return .done
        }
    }
}
