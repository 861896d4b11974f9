import ArgumentParser
import GlanceRevisions

extension DB {
    /// `db version_control [--version V]`: stamps V (default `liberty`) without running DDL.
    struct VersionControl: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "version_control", abstract: "Place a database under migration control")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var write: WriteOptions
        @Option(name: .customLong("version"), help: "Revision or branch label to stamp.") var versionOption: String?
        @Argument(help: "Revision to stamp (Glance's positional form).") var versionArgument: String?

        func run() throws {
            let target = versionOption ?? versionArgument ?? "liberty"
            _ = try GlanceRevisions.map.resolve(target)
            let url = try connection.resolve()
            let database = try GlanceDatabase.openForWriting(url, backup: write.backup)
            try database.migrator.stamp(database.requireConnection(), to: target)
            Output.line("Placed database under migration control at revision: \(target)")
        }
    }
}
