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
        var ours: [Duration] = [], floor: [Duration] = [], help: [Duration] = [], bare: [Duration] = []
        for _ in 0..<runs {
            ours.append(try Self.wall(options.glanceManage, version, environment: environment))
            floor.append(try Self.wall(options.sqlite3, [database.sqlitePath, Self.floorQuery], environment: environment))
            help.append(try Self.wall(options.glanceManage, ["--help"], environment: environment))
            bare.append(try Self.wall("/bin/true", [], environment: environment))
        }
        let rss = try ChildProcess.check(options.glanceManage, version, environment: environment).peakRSSMiB
        let helpRSS = try ChildProcess.check(options.glanceManage, ["--help"], environment: environment).peakRSSMiB
        log("sqlite: start-up db version \(Report.format(Self.median(ours))), sqlite3 \(Report.format(Self.median(floor))), "
            + "--help \(Report.format(Self.median(help))), /bin/true \(Report.format(Self.median(bare)))")
        report.measurements.append(Measurement(
            benchmark: "start-up: `db version` at head (floor: `sqlite3 FILE '\(Self.floorQuery)'`)", backend: .sqlite,
            size: nil, wall: Self.median(ours), peakRSSMiB: rss, floor: Self.median(floor),
            target: .floorRatioAtMost(1.5, fromSize: 0)))
        report.measurements.append(Measurement(
            benchmark: "start-up: `--help`", backend: .sqlite, size: nil, wall: Self.median(help), peakRSSMiB: helpRSS,
            floor: nil, target: .wallUnder(.milliseconds(5))))
        report.notes.append("Start-up rows: median of \(runs) runs each, spawned directly (no `/usr/bin/time`), ours and "
                            + "the floor alternating; spawning `/bin/true` the same way takes \(Report.format(Self.median(bare))).")
    }

    static func median(_ walls: [Duration]) -> Duration { walls.sorted()[walls.count / 2] }

    /// Wall time of one run from spawn to reaping, stdout and stderr to /dev/null.
    static func wall(_ program: String, _ arguments: [String], environment: [String: String]) throws -> Duration {
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
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchError("waitpid failed for \(program)") }
        }
        let wall = start.duration(to: clock.now)
        guard status == 0 else { throw BenchError("\(program) \(arguments.joined(separator: " ")) exited with \(status)") }
        return wall
    }
}
