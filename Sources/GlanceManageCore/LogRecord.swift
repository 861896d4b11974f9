import FoundationEssentials
import GlanceData
#if canImport(Glibc)
import Glibc
#endif

/// One log record, rendered as oslo.log renders it.
struct LogRecord {
    let message: String
    let logger: String
    let level: String
    let created: timespec
    let dateFormat: String

    init(message: String, logger: String, level: String, settings: LogSettings) {
        self.message = message
        self.logger = logger
        self.level = level
        self.dateFormat = settings.dateFormat
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        created = now
    }

    var milliseconds: Int { Int(created.tv_nsec / 1_000_000) }

    /// oslo.log's default `logging_default_format_string`:
    /// `%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s [-] %(message)s` (local time, as Python's).
    var text: String {
        "\(Self.strftime(dateFormat, created.tv_sec)).\(milliseconds.zeroPadded(3)) \(getpid()) \(level) \(logger) [-] "
            + message
    }

    /// oslo.log's `JSONFormatter`: one object per line with its member names; `asctime` as Python's
    /// `formatTime` (`%Y-%m-%d %H:%M:%S,mmm` unless `--log-date-format` is given).
    var json: String {
        let seconds = Double(created.tv_sec) + Double(created.tv_nsec) / 1e9
        let asctime = dateFormat == LogSettings().dateFormat
            ? Self.strftime(dateFormat, created.tv_sec) + "," + milliseconds.zeroPadded(3)
            : Self.strftime(dateFormat, created.tv_sec)
        let value = JSONValue.object([
            .init("message", .string(message)), .init("asctime", .string(asctime)), .init("name", .string(logger)),
            .init("msg", .string(message)), .init("args", .array([])), .init("levelname", .string(level)),
            .init("levelno", .integer(String(levelNumber))), .init("created", .number(seconds)),
            .init("msecs", .number(Double(created.tv_nsec) / 1e6)), .init("process", .integer(String(getpid()))),
            .init("process_name", "MainProcess"), .init("traceback", nil), .init("hostname", .string(Self.hostname)),
            .init("error_summary", ""), .init("extra", .object([.init("project", "glance")])),
        ])
        return value.pythonJSON()
    }

    /// Python's logging level numbers.
    var levelNumber: Int {
        switch level {
        case "DEBUG": return 10
        case "WARNING": return 30
        case "ERROR": return 40
        case "CRITICAL": return 50
        default: return 20
        }
    }

    /// syslog(3) priority of the level.
    var priority: Int32 {
        switch level {
        case "DEBUG": return LOG_DEBUG
        case "WARNING": return LOG_WARNING
        case "ERROR": return LOG_ERR
        case "CRITICAL": return LOG_CRIT
        default: return LOG_INFO
        }
    }

    static var hostname: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(cString: buffer)
    }

    static func strftime(_ format: String, _ seconds: time_t) -> String {
        var time = seconds
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 256)
        let count = Glibc.strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// journald's native protocol (what oslo.log's `OSJournalHandler` uses through python-systemd): one datagram
/// of `FIELD=value` lines to `/run/systemd/journal/socket`. Nothing is sent when journald is not running.
enum Journal {
    static let socketPath = "/run/systemd/journal/socket"

    static func send(_ record: LogRecord) {
        let fields = [
            "MESSAGE=\(record.message.replacing("\n", with: " "))", "PRIORITY=\(record.priority)",
            "SYSLOG_IDENTIFIER=glance-manage", "LOGGER_NAME=\(record.logger)", "LOGGER_LEVEL=\(record.level)",
            "SYSLOG_FACILITY=\(LogSettings.current.syslogFacility >> 3)",
        ]
        let datagram = Array((fields.joined(separator: "\n") + "\n").utf8)
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in socketPath.utf8.enumerated() where i < raw.count - 1 { raw[i] = byte }
        }
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { target in
                datagram.withUnsafeBytes {
                    sendto(descriptor, $0.baseAddress, $0.count, 0, target, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        }
    }
}
