#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What one child process did: its exit status, wall time, peak resident set and output.
struct ChildRun: Sendable {
    let status: Int32
    let wall: Duration
    /// `ru_maxrss` of this child alone, from `wait4`, in KiB (Linux reports KiB).
    let peakRSSKiB: Int
    let stdout: String
    let stderr: String
    /// Killed by the harness after `timeout`.
    var timedOut = false

    var peakRSSMiB: Double { Double(peakRSSKiB) / 1024 }
}

/// Runs a program with `posix_spawnp` and reaps it with `wait4`, so that the resource usage is the child's
/// own rather than an accumulation over every child (`getrusage(RUSAGE_CHILDREN)` keeps the maximum of all);
/// the peak resident set comes from GNU time when it is installed (see below).
/// Output goes to temporary files, never to pipes, so a chatty child cannot block and the harness's own
/// memory stays out of the measurement.
enum ChildProcess {
    static let timeProgram = "/usr/bin/time"

    static func run(_ program: String, _ arguments: [String], stdinFile: String? = nil,
                    environment: [String: String] = [:], timeout: Duration? = nil) throws -> ChildRun {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("glance-bench-\(getpid())-\(UUID().uuidString.prefix(8))")
        let outPath = scratch.path + ".out", errPath = scratch.path + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinFile ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        // Linux records the old address space's high-water mark in the new program's ru_maxrss at exec, and
        // posix_spawn's vfork-style child execs from the harness's own address space: wait4 would report
        // at least the harness's peak. GNU time forks from its own small process and reports %M (KiB) of a
        // child whose maxrss started from that, so the figure is the program's own (+ ~1 MiB at most).
        let rssPath = scratch.path + ".rss"
        defer { try? FileManager.default.removeItem(atPath: rssPath) }
        let viaTime = FileManager.default.isExecutableFile(atPath: timeProgram)
        let command = viaTime ? [timeProgram, "-f", "%M", "-o", rssPath, program] + arguments : [program] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // Its own process group, so a timeout kills the program under time as well.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        var pid = pid_t()
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot start \(program): \(String(cString: strerror(spawned)))") }
        // A watchdog rather than polling with WNOHANG, so short runs are timed to the microsecond. The lock
        // makes sure a pid is never signalled after it has been reaped (and possibly reused).
        let watchdog = Watchdog(pid: pid)
        if let timeout {
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { watchdog.fire() }
        }
        var rawStatus: Int32 = 0
        var usage = rusage()
        defer { watchdog.reaped() }
        while wait4(pid, &rawStatus, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed for \(program): \(String(cString: strerror(errno)))") }
        }
        let wall = start.duration(to: clock.now)
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
        let status = rawStatus & 0x7f == 0 ? (rawStatus >> 8) & 0xff : 128 + (rawStatus & 0x7f)
        let timeReport = (try? String(contentsOfFile: rssPath, encoding: .utf8)) ?? ""
        let peak = viaTime ? timeReport.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } : nil
        return ChildRun(status: status, wall: wall, peakRSSKiB: peak ?? Int(usage.ru_maxrss),
                        stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                        stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                        timedOut: watchdog.hasFired)
    }

    /// Runs a program and throws unless it exits with `expecting`.
    @discardableResult
    static func check(_ program: String, _ arguments: [String], stdinFile: String? = nil,
                      environment: [String: String] = [:], expecting: Int32 = 0, timeout: Duration? = nil) throws -> ChildRun {
        let result = try run(program, arguments, stdinFile: stdinFile, environment: environment, timeout: timeout)
        guard result.status == expecting || result.timedOut else {
            throw BenchError("\(([program] + arguments).joined(separator: " ")) exited \(result.status), expected \(expecting)\n\(result.stdout)\(result.stderr)")
        }
        return result
    }
}

/// Kills a child that outlives its timeout, unless it has already been reaped.
private final class Watchdog: @unchecked Sendable {
    private let pid: pid_t
    private let lock = NSLock()
    private var done = false
    private var fired = false

    init(pid: pid_t) { self.pid = pid }

    func fire() {
        lock.lock(); defer { lock.unlock() }
        guard !done else { return }
        fired = true
        kill(-pid, SIGKILL)
    }

    func reaped() {
        lock.lock(); defer { lock.unlock() }
        done = true
    }

    var hasFired: Bool {
        lock.lock(); defer { lock.unlock() }
        return fired
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
