import DatabaseCore
import FoundationEssentials
import GlanceData

/// What the metadef and purge commands share: oslo.log-style lines with a level and the metadef path.
/// (`GlanceData`'s errors reach their exit status through `ErrorReport`, like every other error.)
enum DataCommandSupport {
    /// Prints a `GlanceData` message as Glance's oslo.log line for `logger` on stderr
    /// (`2024-05-01 10:00:00.123 4242 ERROR glance.db.sqlalchemy.metadata [-] …`).
    static func logSink(logger: String) -> LogSink {
        { level, text in Output.log(text, logger: logger, level: level.rawValue) }
    }

    /// Glance's `metadata_source_path` (`[DEFAULT]` in the config files), or its default.
    static func metadataSourcePath(_ connection: ConnectionOptions) throws -> String {
        let files = connection.configFiles.isEmpty ? (ConnectionChoice.defaultConfigFiles() ?? []) : connection.configFiles
        var path = "/etc/glance/metadefs/"
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            if let value = try ConfigurationFiles.parse(text, path: file)["DEFAULT"]?["metadata_source_path"] { path = value }
        }
        return path
    }
}
