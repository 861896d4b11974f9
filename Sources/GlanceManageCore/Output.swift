import Foundation

/// Where commands write: stdout for Glance's `print`s, stderr for log lines and errors.
public enum Output {
    public static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    public static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// An oslo.log-style line on stderr, e.g. for `Running upgrade … -> …`.
    public static func log(_ text: String, logger: String = "alembic.runtime.migration", level: String = "INFO") {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let stamp = String(format: "%04d-%02d-%02d %02d:%02d:%02d.%03d", parts.tm_year + 1900, parts.tm_mon + 1,
                           parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, now.tv_nsec / 1_000_000)
        error("\(stamp) \(getpid()) \(level) \(logger) [-] \(text)")
    }
}
