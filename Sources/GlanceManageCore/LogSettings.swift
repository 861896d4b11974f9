import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Where and how log records go, as oslo.log's `setup()` decides from the options and `[DEFAULT]`:
/// the log file (`log_dir`/`log_file`), stderr when `use_stderr` (Glance sets it true), journald when
/// `use_journal`, and stdout when none of those three (oslo.log's fall-back); syslog in addition when
/// `use_syslog`. DEBUG records only with `debug`; JSON lines with `use_json`.
///
/// Set once at start-up and read through the task-local `LogSettings.current`, so commands and library
/// callbacks log with `Output.log` and never carry a logger around.
public struct LogSettings: Sendable, Equatable {
    public var debug = false
    public var useJSON = false
    public var useStderr = true
    /// The resolved path (`log_dir` joined with a relative `log_file`), or nil.
    public var logFile: String?
    public var useSyslog = false
    public var syslogFacility: Int32 = LOG_USER
    public var useJournal = false
    /// strftime format for the time stamp; oslo.log appends `.mmm` to it, as here.
    public var dateFormat = "%Y-%m-%d %H:%M:%S"
    /// stderr is a terminal (and is where log records go): progress may be drawn in place there.
    public var stderrIsTerminal = false

    @TaskLocal public static var current = LogSettings()

    public init() {}

    /// Whether a one-line progress display may be drawn on stderr.
    public var showsProgress: Bool { stderrIsTerminal && useStderr && !useJSON }

    /// The settings from the command line and the config files (command line wins, as in oslo.config).
    /// - Throws: `CLIFailure` for a bad facility, a non-boolean value or a log file that cannot be opened.
    static func resolve(_ invocation: Invocation, configuration: ConfigurationFiles?) throws -> LogSettings {
        var settings = LogSettings()
        func setting(_ key: String) throws -> String? { try configuration?.value(key, in: "DEFAULT") }
        func flag(_ key: String) throws -> Bool? { try configuration?.bool(key, in: "DEFAULT") }
        if let logConfig = try invocation.logConfigAppend ?? setting("log_config_append") {
            // oslo.log hands the file to Python's logging.config; glance-bridge reads none of it (README),
            // but refuses a file that is not there, as oslo.log's LogConfigError does.
            guard FileManager.default.isReadableFile(atPath: logConfig) else {
                throw CLIFailure("ERROR: Error loading logging config \(logConfig): file not found or not readable")
            }
            settings.debug = try invocation.debug ?? flag("debug") ?? false
            settings.stderrIsTerminal = isatty(STDERR_FILENO) == 1
            return settings
        }
        settings.debug = try invocation.debug ?? flag("debug") ?? false
        settings.useJSON = try invocation.useJSON ?? flag("use_json") ?? false
        settings.useStderr = try flag("use_stderr") ?? true
        settings.useSyslog = try invocation.useSyslog ?? flag("use_syslog") ?? false
        settings.useJournal = try invocation.useJournal ?? flag("use_journal") ?? false
        if let format = try invocation.logDateFormat ?? setting("log_date_format") { settings.dateFormat = format }
        if let facility = try invocation.syslogFacility ?? setting("syslog_log_facility") {
            settings.syslogFacility = try Self.facility(named: facility)
        }
        let file = try invocation.logFile ?? setting("log_file")
        let directory = try invocation.logDir ?? setting("log_dir")
        settings.logFile = Self.logPath(file: file, directory: directory)
        if let path = settings.logFile {
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw CLIFailure("ERROR: cannot open log file \(path): \(String(cString: strerror(errno)))")
            }
            close(descriptor)
        }
        settings.stderrIsTerminal = isatty(STDERR_FILENO) == 1
        return settings
    }

    /// oslo.log's `_get_log_file_path`: `log_dir` alone names `<log_dir>/glance-manage.log`.
    static func logPath(file: String?, directory: String?) -> String? {
        switch (file, directory) {
        case (let file?, nil): return file
        case (let file?, let directory?): return file.hasPrefix("/") ? file : directory + "/" + file
        case (nil, let directory?): return directory + "/glance-manage.log"
        case (nil, nil): return nil
        }
    }

    /// oslo.log's `_find_facility`: `LOG_USER`, `user`, `local0`… in any case.
    static func facility(named name: String) throws -> Int32 {
        let facilities: [(String, Int32)] = [
            ("AUTH", LOG_AUTH), ("AUTHPRIV", LOG_AUTHPRIV), ("CRON", LOG_CRON), ("DAEMON", LOG_DAEMON),
            ("FTP", LOG_FTP), ("KERN", LOG_KERN), ("LPR", LOG_LPR), ("MAIL", LOG_MAIL), ("NEWS", LOG_NEWS),
            ("SYSLOG", LOG_SYSLOG), ("USER", LOG_USER), ("UUCP", LOG_UUCP),
            ("LOCAL0", LOG_LOCAL0), ("LOCAL1", LOG_LOCAL1), ("LOCAL2", LOG_LOCAL2), ("LOCAL3", LOG_LOCAL3),
            ("LOCAL4", LOG_LOCAL4), ("LOCAL5", LOG_LOCAL5), ("LOCAL6", LOG_LOCAL6), ("LOCAL7", LOG_LOCAL7),
        ]
        var key = name.uppercased()
        if key.hasPrefix("LOG_") { key.removeFirst(4) }
        guard let found = facilities.first(where: { $0.0 == key }) else {
            let valid = facilities.map { "LOG_" + $0.0 }.joined(separator: ", ")
            throw CLIFailure("ERROR: syslog facility must be one of: \(valid)")
        }
        return found.1
    }
}
