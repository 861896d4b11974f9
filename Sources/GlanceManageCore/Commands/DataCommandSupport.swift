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

    /// A purge's progress, drawn in place on a terminal; nil elsewhere, where Glance's two log lines per table
    /// are the whole record (and the purger then skips counting the candidates).
    static func purgeProgress(settings: LogSettings = LogSettings.current) -> ((PurgeProgress) -> Void)? {
        guard settings.showsProgress else { return nil }
        var display: ProgressDisplay?
        return { step in
            let label = "Purging \(step.table)"
            if display?.label != label { display = ProgressDisplay(label: label, total: step.expected) }
            display?.total = step.expected
            display?.update(done: step.deleted, logLine: "")
        }
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
