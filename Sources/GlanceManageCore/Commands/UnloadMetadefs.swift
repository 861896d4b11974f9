import ArgumentParser
import GlanceData

extension DB {
    /// `db unload_metadefs`: deletes every metadef row (one transaction).
    struct UnloadMetadefs: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unload_metadefs",
                                                        abstract: "Unload metadefinitions from database")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var write: WriteOptions

        func run() throws {
            let database = try GlanceDatabase.openForWriting(connection.resolve(), backup: write.backup)
            try MetadefTables.unload(from: database.requireConnection(),
                                     log: DataCommandSupport.logSink(logger: "glance.db.sqlalchemy.metadata"))
        }
    }
}
