import ArgumentParser
import MigrationEngine

extension DB {
    /// `db expand`: upgrade to the expand branch head. Works on SQLite and PostgreSQL.
    ///
    /// This is the online step of a rolling upgrade, so it installs the compatibility triggers that keep
    /// old- and new-release writers consistent until `db contract` (Glance's `USE_TRIGGERS`, which it
    /// honours on MySQL only). `db sync` runs the same steps without them.
    struct Expand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "expand", abstract: "Run the expansion phase of a database migration.")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var write: WriteOptions
        @Flag(help: ArgumentHelp("Stamp a legacy database even if its schema does not match the version it claims "
                                 + "(on MySQL, also carry one from an unverified schema).")) var force = false

        func run() throws {
            let database = try GlanceDatabase.openForWriting(connection.resolve(), backup: write.backup)
            try database.bridge(force: force)
            try Self.expand(database, options: .online)
        }

        /// Glance's `expand` steps and messages.
        /// - Parameters:
        ///   - options: `.online` for `db expand`, none under `db sync`.
        ///   - later: where the run goes next (`db sync`: `heads`); a contract revision that erases an
        ///     expand revision's costly alteration is then applied with it (Migrator+Fusion.swift), and the
        ///     line printed here names it among the current revisions.
        @discardableResult
        static func expand(_ database: GlanceDatabase, options: UpgradeOptions,
                           continuingTo later: String? = nil) throws -> StepResult {
            let expandHead = database.expandHead
            switch try database.phase() {
            case .atHead:
                Output.line("Database is up to date. No migrations needed.")
                return .databaseUpToDate
            case .expanded:
                Output.line("Database expansion is up to date. No expansion needed.")
                return .done
            case .beforeExpand:
                break
            }
            try database.upgrade(to: expandHead, continuingTo: later, options: options)
            let after = try database.heads()
            guard database.phase(heads: after) != .beforeExpand else {
                throw CLIFailure("Database expansion failed. Database expansion should have brought the database version up to \"\(expandHead)\" revision. But, current revisions are: \(after.joined(separator: ", ")) ")
            }
            Output.line("Upgraded database to: \(expandHead), current revision(s): \(after.joined(separator: ", "))")
            return .done
        }
    }
}
