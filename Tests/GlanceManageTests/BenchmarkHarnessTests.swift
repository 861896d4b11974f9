import Foundation
import Testing
import TestSupport

/// The benchmark harness (`Benchmarks/`, the `GlanceBench` executable) works end to end: run once at a tiny
/// size on both backends, it writes every row of the results table, and each upgraded database reached head
/// with the same schema as the hand-written floor script (the harness checks both and exits 1 otherwise).
/// A smoke test, not a timed one: the numbers themselves are not checked.
@Suite struct BenchmarkHarnessTests {
    @Test func harnessWritesEveryRowAndReachesHead() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("benchmarks-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try GlanceBenchBinary.run(["--sizes", "200", "--backends", "sqlite,postgresql",
                                                "--repeats", "1", "--startup-runs", "3", "--output", output.path])
        #expect(result.status == 0, "\(result)")

        for backend in ["sqlite", "postgresql"] {
            #expect(result.stderr.contains("\(backend) N=200: at head (2024_1_contract01); schema equals the floor's"), "\(result)")
        }
        let table = try String(contentsOf: output, encoding: .utf8)
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| benchmark") && !$0.hasPrefix("| backend") }
        func row(_ benchmark: String, _ backend: String, _ size: String) -> Bool {
            rows.contains { $0.hasPrefix("| \(benchmark)") && $0.contains("| \(backend) | \(size) |") }
        }
        for backend in ["sqlite", "postgresql"] {
            #expect(row("fresh `db sync`", backend, "—"), "\(table)")
            #expect(row("legacy-44 → head (`db sync`)", backend, "200"), "\(table)")
            #expect(row("`db version`", backend, "200"), "\(table)")
            #expect(row("`db check`", backend, "200"), "\(table)")
            #expect(row("`db compare --all`", backend, "—"), "\(table)")
        }
        #expect(row("rebuilds of `images`", "sqlite", "—"), "\(table)")
        #expect(row("start-up: `db version` at head (floor: `sqlite3 FILE", "sqlite", "—"), "\(table)")
        #expect(row("start-up: `--help`", "sqlite", "—"), "\(table)")
        let upgrade = try #require(rows.first { $0.hasPrefix("| legacy-44 → head") })
        #expect(upgrade.contains("×"), "the upgrade row carries its ratio to the floor: \(upgrade)")
        #expect(table.contains("uname -a") && table.contains("nproc") && table.contains("PostgreSQL"), "\(table)")
    }

    /// The same on MariaDB: the floor script reaches exactly the schema Glance's own legacy-44 upgrade left
    /// (the harness compares it with Glance's dump), fresh `db sync` is timed against loading Glance's head
    /// dump, legacy-44 → head is timed against the floor, and `db version` / `db check` are timed at N.
    @Test func harnessRunsOnMariaDB() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("benchmarks-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try GlanceBenchBinary.run(["--sizes", "200", "--backends", "mysql", "--repeats", "1",
                                                "--output", output.path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("mysql N=200: the floor's schema equals Glance's own legacy-44 upgrade"), "\(result)")
        let table = try String(contentsOf: output, encoding: .utf8)
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| ") }
        func row(_ benchmark: String, _ size: String) -> String? {
            rows.first { $0.hasPrefix("| \(benchmark)") && $0.contains("| mysql | \(size) |") }.map(String.init)
        }
        let fresh = try #require(row("fresh `db sync` (floor: Glance's head dump", "—"), "\(table)")
        #expect(fresh.contains("×"), "the fresh sync row carries its ratio to the floor: \(fresh)")
        let upgrade = try #require(row("legacy-44 → head (`db sync`)", "200"), "\(table)")
        #expect(upgrade.contains("×"), "the upgrade row carries its ratio to the floor: \(upgrade)")
        #expect(row("`db version`", "200") != nil, "\(table)")
        #expect(row("`db check`", "200") != nil, "\(table)")
        #expect(table.contains("MariaDB: server 10."), "\(table)")
    }
}

/// The `GlanceBench` executable next to the test bundle, as `GlanceManageBinary` finds `glance-manage`.
enum GlanceBenchBinary {
    struct Result: CustomStringConvertible {
        let status: Int32
        let stderr: String
        var description: String { "exit=\(status)\n--- stderr\n\(stderr)" }
    }

    /// Runs it with output in files, so no reader thread is needed however much progress it logs.
    static func run(_ arguments: [String]) throws -> Result {
        let bench = GlanceManageBinary.url.deletingLastPathComponent().appendingPathComponent("GlanceBench")
        let process = Process()
        process.executableURL = bench
        process.arguments = arguments + ["--glance-manage", GlanceManageBinary.url.path]
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("glance-bench-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("glance-bench-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
