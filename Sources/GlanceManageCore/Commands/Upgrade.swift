import ArgumentParser
import GlanceRevisions

extension DB {
    /// `db upgrade [--version V]`: Alembic's `upgrade V` (default `heads`). Pending data migrations a
    /// contract revision needs are run before it.
    ///
    /// No compatibility triggers: Glance keeps `USE_TRIGGERS` on here, but only ever had MySQL triggers,
    /// and an upgrade to `heads` contracts straight away. A rolling upgrade uses `db expand`.
    struct Upgrade: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "upgrade", abstract: "Upgrade the database's migration level")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var write: WriteOptions
        @Option(name: .customLong("version"), help: "Target revision, branch label or 'heads'.") var versionOption: String?
        @Argument(help: "Target revision (Glance's positional form).") var versionArgument: String?
        @Flag(help: "Print the SQL the upgrade would run instead of running it; the database is not changed.") var sql = false
        @Flag(help: ArgumentHelp("Stamp a legacy database even if its schema does not match the version it claims "
                                 + "(on MySQL, also carry one from an unverified schema).")) var force = false

        func run() throws {
            let target = versionOption ?? versionArgument ?? "heads"
            // Before anything is opened: a bad target must not fail after the legacy bridge has stamped.
            _ = try GlanceRevisions.map.resolve(target)
            let url = try connection.resolve()
            if sql {
                try OfflineSQL.print(url: url, target: target, force: force)
                return
            }
            let database = try GlanceDatabase.openForWriting(url, backup: write.backup)
            try database.bridge(force: force)
            try database.upgrade(to: target)
            let heads = try database.heads()
            let current = heads.joined(separator: ", ")
            Output.line(target == "heads" ? "Upgraded database, current revision(s): \(current)"
                                          : "Upgraded database to: \(target), current revision(s): \(current)")
        }
    }
}
