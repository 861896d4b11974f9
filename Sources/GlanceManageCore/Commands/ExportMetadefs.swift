import ArgumentParser
import GlanceData

extension DB {
    /// `db export_metadefs [--path P]`: one JSON file per namespace. Glance's has crashed since 27.0.0.
    /// Reads only, so it takes no migration lock.
    struct ExportMetadefs: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export_metadefs",
                                                        abstract: "Export metadefinitions data from database to files")

        @OptionGroup var connection: ConnectionOptions
        @Option(name: .customLong("path"), help: ArgumentHelp("Directory to write the files to (default: metadata_source_path, /etc/glance/metadefs/).", valueName: "PATH"))
        var path: String?
        /// Glance's legacy `db_export_metadefs [path]`.
        @Argument(help: ArgumentHelp("Legacy positional form of --path.", visibility: .hidden)) var legacyPath: String?

        func run() throws {
            let directory = try path ?? legacyPath ?? DataCommandSupport.metadataSourcePath(connection)
            let database = try GlanceDatabase.openForReading(connection.resolve())
            guard let connection = database.connection else {
                throw GlanceDataError.missingTables(kind: "metadef", tables: MetadefTables.clearingOrder)
            }
            try MetadefExporter(database: connection,
                                log: DataCommandSupport.logSink(logger: "glance.db.sqlalchemy.metadata"))
                .export(to: directory)
        }
    }
}
