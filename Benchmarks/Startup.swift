#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Start-up: `db version` on a SQLite file at head against its floor, the sqlite3 CLI reading the same
/// version row, and `--help`. Each is a process that lives a few milliseconds, so these runs skip
/// `/usr/bin/time` (it would add about a millisecond to both sides): the programs are spawned directly, output
/// to /dev/null, alternating ours and the floor so both see the same machine, and the median is reported.
struct Startup {
    let options: Options
    let server: BenchServer
    let environment: [String: String]

    static let floorQuery = "SELECT version_num FROM alembic_version"

    func run(into report: inout Report) throws {
        let database = try server.makeEmpty(.sqlite, name: "gb_bench_startup")
        defer { try? database.drop() }
        try ChildProcess.check(options.glanceManage, ["db", "sync", "--connection", database.url], environment: environment)
        let version = ["db", "version", "--connection", database.url]
        let printed = try ChildProcess.check(options.glanceManage, version, environment: environment).stdout
        let floorPrinted = try ChildProcess.check(options.sqlite3, [database.sqlitePath, Self.floorQuery]).stdout
        guard printed == floorPrinted else {
            throw BenchError("db version printed \(printed.debugDescription), sqlite3 \(floorPrinted.debugDescription)")
        }
        let runs = options.startupRuns
        var ours: [Timing] = [], floor: [Timing] = [], help: [Timing] = [], bare: [Timing] = []
        for _ in 0..<runs {
            ours.append(try Self.time(options.glanceManage, version, environment: environment))
            floor.append(try Self.time(options.sqlite3, [database.sqlitePath, Self.floorQuery], environment: environment))
            help.append(try Self.time(options.glanceManage, ["--help"], environment: environment))
            bare.append(try Self.time("/bin/true", [], environment: environment))
        }
        let rss = try ChildProcess.check(options.glanceManage, version, environment: environment).peakRSSMiB
        let helpRSS = try ChildProcess.check(options.glanceManage, ["--help"], environment: environment).peakRSSMiB
        let wall = \Timing.wall, cpu = \Timing.cpu
        log("sqlite: start-up db version \(Report.format(Self.median(ours, wall))), sqlite3 \(Report.format(Self.median(floor, wall))), "
            + "--help \(Report.format(Self.median(help, wall))), /bin/true \(Report.format(Self.median(bare, wall)))")
        let name = "start-up: `db version` at head (floor: `sqlite3 FILE '\(Self.floorQuery)'`)"
        report.measurements.append(Measurement(
            benchmark: name, backend: .sqlite, size: nil, wall: Self.median(ours, wall), peakRSSMiB: rss,
            floor: Self.median(floor, wall), target: .floorRatioAtMost(1.5, fromSize: 0)))
        report.measurements.append(Measurement(
            benchmark: name + ", CPU time (user + system)", backend: .sqlite, size: nil, wall: Self.median(ours, cpu),
            peakRSSMiB: rss, floor: Self.median(floor, cpu), target: .floorRatioAtMost(1.5, fromSize: 0)))
        report.measurements.append(Measurement(
            benchmark: "start-up: `--help`", backend: .sqlite, size: nil, wall: Self.median(help, wall), peakRSSMiB: helpRSS,
            floor: nil, target: .wallUnder(.milliseconds(5))))
        report.measurements.append(Measurement(
            benchmark: "start-up: `--help`, CPU time (user + system)", backend: .sqlite, size: nil,
            wall: Self.median(help, cpu), peakRSSMiB: helpRSS, floor: nil, target: .wallUnder(.milliseconds(5))))
        report.notes.append("Start-up rows: median of \(runs) runs each, spawned directly (no `/usr/bin/time`), ours and "
                            + "the floor alternating; spawning `/bin/true` the same way takes "
                            + "\(Report.format(Self.median(bare, wall))) wall, \(Report.format(Self.median(bare, cpu))) CPU. "
                            + "CPU time is the child's user + system time from wait4: on a busy machine it is the steadier figure.")
    }

    struct Timing {
        let wall: Duration
        let cpu: Duration
    }

    static func median(_ timings: [Timing], _ part: KeyPath<Timing, Duration>) -> Duration {
        timings.map { $0[keyPath: part] }.sorted()[timings.count / 2]
    }

    /// Wall time of one run from spawn to reaping, and the child's CPU time; stdout and stderr to /dev/null.
    static func time(_ program: String, _ arguments: [String], environment: [String: String]) throws -> Timing {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot start \(program): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed for \(program)") }
        }
        let wall = start.duration(to: clock.now)
        guard status == 0 else { throw BenchError("\(program) \(arguments.joined(separator: " ")) exited with \(status)") }
        func duration(_ value: timeval) -> Duration { .seconds(Int64(value.tv_sec)) + .microseconds(Int64(value.tv_usec)) }
        return Timing(wall: wall, cpu: duration(usage.ru_utime) + duration(usage.ru_stime))
    }
}
