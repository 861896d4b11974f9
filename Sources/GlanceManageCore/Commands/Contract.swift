import ArgumentParser

extension DB {
    /// `db contract`: upgrade to the contract branch head, with Glance's guard rails.
    struct Contract: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "contract", abstract: "Run the contraction phase of a database migration.")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var write: WriteOptions

        func run() throws {
            let database = try GlanceDatabase.openForWriting(connection.resolve(), backup: write.backup)
            try Self.contract(database)
        }

        @discardableResult
        static func contract(_ database: GlanceDatabase) throws -> StepResult {
            let contractHead = database.contractHead
            switch try database.phase() {
            case .atHead:
                Output.line("Database is up to date. No migrations needed.")
                return .databaseUpToDate
            case .expanded:
                break
            case .beforeExpand:
                throw CLIFailure("Database contraction did not run. Database contraction cannot be run before database expansion. Run database expansion first using \"glance-manage db expand\"")
            }
            guard try database.pendingDataMigrations().isEmpty else {
                throw CLIFailure("Database contraction did not run. Database contraction cannot be run before data migration is complete. Run data migration using \"glance-manage db migrate\".")
            }
            try database.upgrade(to: contractHead)
            let after = try database.heads()
            guard database.phase(heads: after) == .atHead else {
                // Glance reports the contract head here (its message names the expand head by mistake).
                throw CLIFailure("Database contraction failed. Database contraction should have brought the database version up to \"\(contractHead)\" revision. But, current revisions are: \(after.joined(separator: ", ")) ")
            }
            Output.line("Upgraded database to: \(contractHead), current revision(s): \(after.joined(separator: ", "))")
            return .done
        }
    }
}
