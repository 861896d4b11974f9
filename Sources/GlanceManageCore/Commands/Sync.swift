import ArgumentParser

extension DB {
    /// `db sync`: expand, migrate, contract in one run. The version argument is accepted and ignored, as
    /// in Glance since Queens.
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sync", abstract: "Perform a complete (offline) database migration")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var write: WriteOptions
        @Option(name: .customLong("version"), help: "Accepted for compatibility and ignored, as by Glance.") var versionOption: String?
        @Argument(help: "Accepted for compatibility and ignored.") var versionArgument: String?
        @Flag(help: "Print the SQL the sync would run instead of running it; the database is not changed.") var sql = false
        @Flag(help: ArgumentHelp("Stamp a legacy database even if its schema does not match the version it claims "
                                 + "(on MySQL, also carry one from an unverified schema).")) var force = false

        func run() throws {
            let url = try connection.resolve()
            if sql {
                try OfflineSQL.print(url: url, target: "heads", force: force)
                return
            }
            let database = try GlanceDatabase.openForWriting(url, backup: write.backup)
            try database.bridge(force: force)
            if try database.phase() == .atHead {
                Output.line("Database is up to date. No migrations needed.")
                return
            }
            do {
                // Offline: no compatibility triggers (Glance sets USE_TRIGGERS = False here). A step that
                // finds the database at head means another run finished the job while we worked.
                let steps: [() throws -> StepResult] = [
                    // The run goes on to contract: an expand revision may be fused with the contract revision
                    // that undoes its costly part (MySQL: is_public's nullability, a copy of images).
                    { try Expand.expand(database, options: [], continuingTo: "heads") },
                    // Offline: the data migrations run set-based, one transaction each (no live writers).
                    { try Migrate.migrate(database, batchSize: nil) },
                    { try Contract.contract(database) },
                ]
                for step in steps where try step() == .databaseUpToDate { break }
            } catch let error as CommandOutcome {
                throw error
            } catch {
                throw CLIFailure("Failed to sync database: ERROR: \(ErrorReport(error).headline)")
            }
            Output.line("Database is synced successfully.")
        }
    }
}
