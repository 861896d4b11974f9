import DatabaseCore
import FoundationEssentials

/// How `load_metadefs` treats a namespace that already exists (Glance's `--merge`, `--prefer_new`,
/// `--overwrite`).
public struct MetadefLoadOptions: Sendable, Equatable {
    /// Add what is missing to an existing namespace instead of skipping its file.
    public var merge: Bool
    /// With `merge`: also update rows that exist.
    public var preferNew: Bool
    /// With `merge`: delete the existing namespace and everything in it first.
    public var overwrite: Bool

    public init(merge: Bool = false, preferNew: Bool = false, overwrite: Bool = false) {
        self.merge = merge
        self.preferNew = preferNew
        self.overwrite = overwrite
    }

    /// Glance's refusal messages (`db_load_metadefs`); Glance logs them and exits 0 without loading.
    public var conflict: String? {
        if !merge && (preferNew || overwrite) {
            return "To use --prefer_new or --overwrite you need to combine of these options with --merge option."
        }
        if preferNew && overwrite && merge {
            return "Please provide no more than one option from this list: --prefer_new, --overwrite"
        }
        return nil
    }
}

/// What happened to each file of a load.
public struct MetadefLoadSummary: Sendable, Equatable {
    public var loaded: [String] = []
    /// Namespaces that existed, without `merge`.
    public var skippedExisting: [String] = []
    /// Unreadable, not JSON, or not a metadef document.
    public var malformed: [String] = []
    /// Rolled back because the database refused a statement.
    public var failed: [String] = []
}

/// Loads Glance metadef JSON files into the metadef tables.
///
/// Each file is loaded in one transaction, so a file that fails half-way leaves nothing behind (Glance
/// commits every row on its own). A file that is not valid JSON, or not shaped like a metadef namespace, is
/// skipped with a message and the others are loaded, as in Glance.
///
/// ```swift
/// let summary = try MetadefLoader(database: db, now: Date(), log: { print($1) })
///     .load(from: "/etc/glance/metadefs", options: MetadefLoadOptions(merge: true))
/// ```
public struct MetadefLoader {
    let database: any Database
    /// `created_at` / `updated_at` of every row written; passed in so tests control it.
    let now: Date
    let log: LogSink

    public init(database: any Database, now: Date, log: @escaping LogSink) {
        self.database = database
        self.now = now
        self.log = log
    }

    /// Loads `path`: one file, or every regular `*.json` file in a directory (sorted by name; Glance takes
    /// `listdir` order).
    /// - Throws: `GlanceDataError.missingTables`, or a `DatabaseError` that is not about one file (lost
    ///   connection, read-only database). Problems with files are logged and reported in the summary.
    @discardableResult
    public func load(from path: String, options: MetadefLoadOptions) throws -> MetadefLoadSummary {
        var summary = MetadefLoadSummary()
        if let conflict = options.conflict {
            log(.error, conflict)
            return summary
        }
        try MetadefTables.require(in: database)
        let files: [String]
        switch Self.jsonFiles(at: path) {
        case .unreadable(let message):
            log(.error, message)
            return summary
        case .files(let found):
            files = found
        }
        guard !files.isEmpty else {
            log(.error, "Json schema files not found in \(path). Aborting.")
            return summary
        }
        for file in files {
            let document: MetadefDocument
            do {
                document = try Self.read(file)
            } catch {
                log(.error, "Failed to parse json file \(file) while populating metadata due to: \(error). File skipped.")
                summary.malformed.append(file)
                continue
            }
            do {
                if try database.inTransaction({ try write(document, options: options) }) {
                    log(.info, "File \(file) loaded to database.")
                    summary.loaded.append(file)
                } else {
                    summary.skippedExisting.append(file)
                }
            } catch let error as DatabaseError where error.isStatementFailure {
                log(.error, "Failed to load file \(file): \(error.message). Nothing of it was loaded; file skipped.")
                summary.failed.append(file)
            }
        }
        log(.info, "Metadata loading finished")
        return summary
    }

    /// The files a path names.
    static func jsonFiles(at path: String) -> FileListing {
        guard FileManager.default.fileExists(atPath: path) else {
            return .unreadable("[Errno 2] No such file or directory: '\(path)'")
        }
        guard PathStatus.isDirectory(path) else { return .files([path]) }
        let directory = URL(fileURLWithPath: path, isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            return .unreadable("[Errno 13] Permission denied: '\(path)'")
        }
        return .files(names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0).path }
            .filter { file in
                return FileManager.default.fileExists(atPath: file) && !PathStatus.isDirectory(file)
            })
    }

    enum FileListing {
        case files([String])
        /// The message Glance logs (Python's `OSError` text) before giving up.
        case unreadable(String)
    }

    /// Reads, decodes and checks one file.
    /// - Throws: the reason, worded for the "Failed to parse json file" line.
    static func read(_ file: String) throws -> MetadefDocument {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        guard let text = String(data: data, encoding: .utf8) else { throw MetadefFormatError("the file is not UTF-8") }
        return try MetadefDocument(JSONValue(parsing: text))
    }
}
