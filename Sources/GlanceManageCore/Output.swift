import FoundationEssentials
import DatabaseCore
import GlanceData
#if canImport(Glibc)
import Glibc
#endif

/// Where commands write: stdout for Glance's `print`s, stderr for log lines and errors. Each line goes
/// out with one unbuffered `write(2)`, so nothing is lost at `exit` or at a crash, and the process needs no
/// Foundation beyond FoundationEssentials (loading Foundation and its ICU data would double the start-up
/// time of `db version`).
public enum Output {
    public static func line(_ text: String) {
        write(text + "\n", to: STDOUT_FILENO)
    }

    public static func error(_ text: String) {
        write(text + "\n", to: STDERR_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// An oslo.log-style line on stderr, e.g. for `Running upgrade … -> …`.
    public static func log(_ text: String, logger: String = "alembic.runtime.migration", level: String = "INFO") {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let stamp = SQLTimestamp.text(Date(timeIntervalSince1970: Double(now.tv_sec) + Double(now.tv_nsec) / 1e9)).dropLast(3)
        error("\(stamp) \(getpid()) \(level) \(logger) [-] \(text)")
    }
}
