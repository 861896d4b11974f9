import Foundation

// GlanceBench: times the release-built glance-manage against hand-written SQL (the floor) on generated
// legacy-44 databases, and writes the results table to BENCHMARKS.md. See README "Benchmarks".

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

func machineDescription(_ server: BenchServer, _ options: Options) -> [(String, String)] {
    func output(_ program: String, _ arguments: [String]) -> String {
        ((try? ChildProcess.run(program, arguments))?.stdout ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let memory = ((try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? "")
        .split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
        .flatMap { Int($0.split(separator: " ")[1]) }.map { String(format: "%.1f GiB", Double($0) / 1_048_576) } ?? "?"
    let cpu = ((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")
        .split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces) } ?? "?"
    let commit = output("git", ["-C", packageRoot.path, "rev-parse", "--short", "HEAD"])
    let dirty = output("git", ["-C", packageRoot.path, "status", "--porcelain", "--untracked-files=no"]).isEmpty ? "" : " (plus uncommitted changes)"
    var lines = [("date", ISO8601DateFormatter().string(from: Date())),
                 ("glance-manage", "`\(options.glanceManage)`, source at \(commit)\(dirty)"),
                 ("uname -a", "`" + output("uname", ["-a"]) + "`"),
                 ("CPU", "\(cpu), nproc \(ProcessInfo.processInfo.activeProcessorCount)"),
                 ("memory", memory),
                 ("SQLite", "sqlite3 " + output(options.sqlite3, ["--version"]).split(separator: " ").prefix(2).joined(separator: " "))]
    if options.backends.contains(.postgresql) {
        let version = (try? server.admin().query("SHOW server_version").first?[0].stringValue) ?? nil
        lines.append(("PostgreSQL", "server \(version ?? "?") (private `scripts/pg-test-server` cluster: fsync, synchronous_commit, full_page_writes off), "
                      + output(options.psql, ["--version"])))
    }
    if options.backends.contains(.mysql) {
        let version = (try? server.mysqlAdmin().query("SELECT VERSION()").first?[0].stringValue) ?? nil
        lines.append(("MariaDB", "server \(version ?? "?") (private `scripts/mariadb-test-server` server: "
                      + "innodb_flush_log_at_trx_commit=0, doublewrite off, 128 MiB buffer pool), "
                      + output(options.mariadb, ["--version"])))
    }
    return lines
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    guard FileManager.default.isExecutableFile(atPath: options.glanceManage) else {
        throw BenchError("no glance-manage at \(options.glanceManage): build it first (swift build -c release) or pass --glance-manage PATH")
    }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("glance-bench-\(getpid())", isDirectory: true)
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let server = BenchServer(workDirectory: work)
    if options.backends.contains(.postgresql) { _ = try server.admin() }
    if options.backends.contains(.mysql) { _ = try server.mysqlAdmin() }

    var report = Report()
    report.command = "GlanceBench " + CommandLine.arguments.dropFirst().joined(separator: " ")
    report.machine = machineDescription(server, options)
    report.notes = options.notes
    report.repeats = options.repeats
    let runner = Runner(options: options, server: server,
                        generator: DataGenerator(fixtures: packageRoot.appendingPathComponent("Tests/Fixtures")),
                        floorDirectory: packageRoot.appendingPathComponent("Benchmarks/floor"))
    try runner.run(into: &report)
    try report.markdown().write(toFile: options.output, atomically: true, encoding: .utf8)
    log("results written to \(options.output)")
} catch {
    FileHandle.standardError.write(Data("GlanceBench: \(error)\n".utf8))
    exit(1)
}
