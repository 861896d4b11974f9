import ArgumentParser
import FoundationEssentials
import GlanceData

extension DB {
    /// `db purge [--age_in_days N] [--max_rows M]`: soft-deleted rows of every table but `images`, in short
    /// batches.
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "purge", abstract: "Purge deleted rows older than a given age from glance tables.")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var write: WriteOptions
        @OptionGroup var options: PurgeOptions

        func run() throws {
            // Validated before connecting, as Glance does.
            let request = try options.request(defaultAge: 30, now: Date())
            let database = try GlanceDatabase.openForWriting(connection.resolve(), backup: write.backup)
            try Purger(database: database.requireConnection(),
                       log: DataCommandSupport.logSink(logger: "glance.db.sqlalchemy.api"),
                       progress: DataCommandSupport.purgeProgress()).purgeDeletedRows(request)
        }
    }
}
