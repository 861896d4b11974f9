import ArgumentParser
import FoundationEssentials
import GlanceData

extension DB {
    /// `db load_metadefs [--path P] [--merge] [--prefer_new] [--overwrite]`: metadef JSON files into the
    /// database, one transaction per file.
    struct LoadMetadefs: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "load_metadefs",
                                                        abstract: "Load metadefinition json files to database")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var write: WriteOptions
        @Option(name: .customLong("path"), help: ArgumentHelp("A metadef JSON file or a directory of them (default: metadata_source_path, /etc/glance/metadefs/).", valueName: "PATH"))
        var path: String?
        @Flag(name: .customLong("merge"), help: "Add to namespaces that already exist instead of skipping them.") var merge = false
        @Flag(name: .customLong("prefer_new"), help: "With --merge: update existing rows from the files.") var preferNew = false
        @Flag(name: .customLong("overwrite"), help: "With --merge: replace existing namespaces.") var overwrite = false
        /// Glance's legacy `db_load_metadefs [path [merge [prefer_new [overwrite]]]]`.
        @Argument(help: ArgumentHelp("Legacy positional form: path, merge, prefer_new, overwrite.", visibility: .hidden))
        var legacy: [String] = []

        func validate() throws {
            guard legacy.count <= 4 else { throw ValidationError("at most four positional arguments: path merge prefer_new overwrite") }
            for value in legacy.dropFirst() where Self.flag(value) == nil {
                throw ValidationError("'\(value)' is not a boolean (True or False)")
            }
        }

        /// Glance passes the legacy strings on, so any non-empty text counts as true, even "False"; here
        /// only the usual spellings are accepted and "False" means false.
        static func flag(_ text: String) -> Bool? {
            switch text.lowercased() {
            case "true", "1", "yes", "on": return true
            case "false", "0", "no", "off", "": return false
            default: return nil
            }
        }

        func run() throws {
            let logger = "glance.db.sqlalchemy.metadata"
            let options = MetadefLoadOptions(
                merge: merge || legacy.dropFirst(1).first.flatMap(Self.flag) == true,
                preferNew: preferNew || legacy.dropFirst(2).first.flatMap(Self.flag) == true,
                overwrite: overwrite || legacy.dropFirst(3).first.flatMap(Self.flag) == true)
            let source = try path ?? legacy.first ?? DataCommandSupport.metadataSourcePath(connection)
            if let conflict = options.conflict {
                // Glance logs the refusal and exits 0 without touching the database.
                DataCommandSupport.logSink(logger: logger)(.error, conflict)
                return
            }
            let database = try GlanceDatabase.openForWriting(connection.resolve(), backup: write.backup)
            let summary = try MetadefLoader(database: database.requireConnection(), now: Date(),
                                            log: DataCommandSupport.logSink(logger: logger)).load(from: source, options: options)
            // Glance crashes (exit 1) when the database refuses a row; a malformed file is only logged.
            if !summary.failed.isEmpty {
                throw CLIFailure("ERROR: \(summary.failed.count) metadef file(s) could not be loaded: \(summary.failed.joined(separator: ", "))")
            }
        }
    }
}
