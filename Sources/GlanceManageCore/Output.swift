import FoundationEssentials
import DatabaseCore
import GlanceData
#if canImport(Glibc)
import Glibc
#endif

/// Where commands write: stdout for Glance's `print`s, stderr for errors, and log records where
/// `LogSettings.current` sends them. Each line goes out with one unbuffered `write(2)`, so nothing is lost
/// at `exit` or at a crash, and the process needs no Foundation beyond FoundationEssentials (loading
/// Foundation and its ICU data would double the start-up time of `db version`).
public enum Output {
    public static func line(_ text: String) {
        write(text + "\n", to: STDOUT_FILENO)
    }

    public static func error(_ text: String) {
        ProgressDisplay.clearLine()
        write(text + "\n", to: STDERR_FILENO)
    }

    static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// A log record (`Running upgrade … -> …`), formatted as oslo.log formats it:
    /// `2024-05-01 10:00:00.123 4242 INFO alembic.runtime.migration [-] text`, or a JSON line.
    public static func log(_ text: String, logger: String = "alembic.runtime.migration", level: String = "INFO") {
        let settings = LogSettings.current
        guard level != "DEBUG" || settings.debug else { return }
        let record = LogRecord(message: text, logger: logger, level: level, settings: settings)
        let line = (settings.useJSON ? record.json : record.text) + "\n"
        if let path = settings.logFile {
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                write(line, to: descriptor)
                close(descriptor)
            }
        }
        if settings.useStderr {
            ProgressDisplay.clearLine()
            write(line, to: STDERR_FILENO)
        }
        if settings.useJournal { Journal.send(record) }
        if settings.logFile == nil, !settings.useStderr, !settings.useJournal { write(line, to: STDOUT_FILENO) }
        if settings.useSyslog {
            // oslo.log's OSSysLogHandler calls syslog(3) with the record's own text.
            let message = "\(logger) [-] \(text)"
            message.withCString { text in
                withVaList([text]) { vsyslog(settings.syslogFacility | record.priority, "%s", $0) }
            }
        }
    }
}
