import ArgumentParser
import FoundationEssentials
import GlanceData

extension DB {
    /// `db purge_images_table [--age_in_days N] [--max_rows M]`: soft-deleted `images` rows (default age 180
    /// days); refused while another table still references one of them.
    struct PurgeImagesTable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "purge_images_table",
                                                        abstract: "Purge deleted rows older than a given age from images table.")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var write: WriteOptions
        @OptionGroup var options: PurgeOptions

        func run() throws {
            let request = try options.request(defaultAge: 180, now: Date())
            let database = try GlanceDatabase.openForWriting(connection.resolve(), backup: write.backup)
            try Purger(database: database.requireConnection(),
                       log: DataCommandSupport.logSink(logger: "glance.db.sqlalchemy.api"),
                       progress: DataCommandSupport.purgeProgress()).purgeImages(request)
        }
    }
}
