/// How serious a message from a data command is; the CLI prints it as oslo.log's level name.
public enum LogLevel: String, Sendable {
    case info = "INFO"
    case warning = "WARNING"
    case error = "ERROR"
}

/// Where the metadef and purge routines report progress. The library never prints: the application decides
/// how messages look (oslo.log lines on stderr in `glance-manage`, a collecting array in the tests).
public typealias LogSink = (LogLevel, String) -> Void
