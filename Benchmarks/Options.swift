import Foundation

/// Command-line options of `GlanceBench`.
struct Options {
    var sizes = [10_000, 100_000, 1_000_000]
    var backends = BenchBackend.allCases
    var output = "BENCHMARKS.md"
    var glanceManage = Options.besideThisExecutable("glance-manage")
    var sqlite3 = "sqlite3"
    var psql = "psql"
    var mariadb = "mariadb"
    var notes: [String] = []
    /// Runs of each quick command (fresh sync, version, check); the table shows the median.
    var repeats = 5
    /// Runs of each start-up command (`db version` and its sqlite3 floor, `--help`).
    var startupRuns = 41
    /// Only the start-up rows (no generated databases, no server needed).
    var startupOnly = false
    /// Longest a single upgrade (ours or the floor) may run before it is killed and reported as such.
    var timeout: Duration = .seconds(900)

    static let usage = """
        usage: GlanceBench [--sizes 10000,100000,1000000] [--backends sqlite,postgresql,mysql] [--quick]
                           [--output BENCHMARKS.md] [--glance-manage PATH] [--repeats 5] [--timeout 900] [--note TEXT]…
                           [--startup-only] [--startup-runs 41]
          --sizes          image counts of the generated legacy-44 databases
          --backends       sqlite, postgresql, mysql (PostgreSQL through scripts/pg-test-server run, MariaDB
                           through scripts/mariadb-test-server run)
          --quick          the smallest size only
          --output         where the Markdown results go
          --glance-manage  the binary to measure (default: beside this executable, i.e. .build/release)
          --repeats        runs of each quick command (fresh sync, version, check); the median is reported
          --timeout        seconds an upgrade may run before it is killed and reported as "> timeout"
          --note           a line for the Notes section (repeatable), e.g. what else the machine was doing
          --startup-only   only the start-up rows (db version against sqlite3, --help), SQLite only
          --startup-runs   runs of each start-up command; the median is reported
        """

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        var quick = false
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw BenchError("\(flag) needs a value\n\(Options.usage)") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--sizes":
                sizes = try value(argument).split(separator: ",").map {
                    guard let n = Int($0.trimmingCharacters(in: .whitespaces)), n > 0 else { throw BenchError("bad size '\($0)'") }
                    return n
                }.sorted()
            case "--backends":
                backends = try value(argument).split(separator: ",").map {
                    guard let backend = BenchBackend(rawValue: String($0)) else { throw BenchError("unknown backend '\($0)' (sqlite, postgresql, mysql)") }
                    return backend
                }
            case "--output": output = try value(argument)
            case "--glance-manage": glanceManage = try value(argument)
            case "--note": notes.append(try value(argument))
            case "--timeout":
                guard let n = Int(try value(argument)), n > 0 else { throw BenchError("--timeout needs a positive number of seconds") }
                timeout = .seconds(n)
            case "--repeats":
                guard let n = Int(try value(argument)), n > 0 else { throw BenchError("--repeats needs a positive number") }
                repeats = n
            case "--startup-runs":
                guard let n = Int(try value(argument)), n > 0 else { throw BenchError("--startup-runs needs a positive number") }
                startupRuns = n
            case "--startup-only": startupOnly = true
            case "--quick": quick = true
            case "-h", "--help": throw BenchError(Options.usage)
            default: throw BenchError("unknown option '\(argument)'\n\(Options.usage)")
            }
        }
        guard !sizes.isEmpty, !backends.isEmpty else { throw BenchError("no sizes or no backends\n\(Options.usage)") }
        if quick { sizes = [sizes[0]] }
        if startupOnly { backends = [.sqlite] }
    }

    /// A sibling of the running executable: `swift build` puts every product of a configuration in one folder.
    static func besideThisExecutable(_ name: String) -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
