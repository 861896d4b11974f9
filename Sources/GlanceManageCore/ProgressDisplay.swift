import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Progress of a long step (data migration batches, the legacy carry, a purge, a SQLite rebuild's copy of
/// rows): on a terminal, one line on stderr redrawn in place
/// (`ocata_migrate01  40000/100000 rows  40%  8120 rows/s  0:07 left`); otherwise (stderr not a terminal,
/// `--use-json`, `use_stderr = false`) the step's plain log record. Never on stdout.
struct ProgressDisplay {
    let label: String
    var total: Int
    /// What is counted: rows, or legacy scripts.
    let unit: String
    let inPlace: Bool
    private let started: Double

    init(label: String, total: Int, unit: String = "rows", settings: LogSettings = LogSettings.current) {
        self.label = label
        self.total = total
        self.unit = unit
        self.inPlace = settings.showsProgress
        self.started = Self.monotonicSeconds()
    }

    /// Shows `done` of `total`; without a terminal, logs `logLine` instead.
    func update(done: Int, logLine: @autoclosure () -> String, logger: String = "glance.db.migration") {
        guard inPlace else {
            Output.log(logLine(), logger: logger)
            return
        }
        let line = Self.render(label: label, done: done, total: total, unit: unit,
                               elapsedSeconds: Self.monotonicSeconds() - started, width: Self.terminalWidth())
        Output.write("\r\u{1B}[K" + line, to: STDERR_FILENO)
    }

    /// Removes the line, so the next record starts at the left margin.
    func finish() {
        if inPlace { Self.clearLine() }
    }

    /// Clears a progress line that may be on the terminal (a no-op without one).
    static func clearLine(settings: LogSettings = LogSettings.current) {
        if settings.showsProgress { Output.write("\r\u{1B}[K", to: STDERR_FILENO) }
    }

    /// The display line, at most `width` characters: label, rows done of total, percentage, rate and the
    /// time left at that rate (`--:--` until there is a rate).
    static func render(label: String, done: Int, total: Int, unit: String = "rows", elapsedSeconds: Double,
                       width: Int) -> String {
        let percent = total > 0 ? min(100, done * 100 / total) : 100
        let rate = elapsedSeconds > 0 ? Double(done) / elapsedSeconds : 0
        let left: String
        if rate > 0, done <= total {
            let seconds = Int((Double(total - done) / rate).rounded(.up))
            left = seconds >= 3600
                ? "\(seconds / 3600):\((seconds / 60 % 60).zeroPadded(2)):\((seconds % 60).zeroPadded(2))"
                : "\(seconds / 60):\((seconds % 60).zeroPadded(2))"
        } else {
            left = "--:--"
        }
        let line = "\(label)  \(done)/\(total) \(unit)  \(percent)%  \(Int(rate.rounded())) \(unit)/s  \(left) left"
        return line.count <= width ? line : String(line.prefix(max(0, width - 1)))
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
