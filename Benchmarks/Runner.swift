import DatabaseCore
import Foundation

/// Runs every benchmark for the chosen backends and sizes and collects the report.
struct Runner {
    let options: Options
    let server: BenchServer
    let generator: DataGenerator
    let floorDirectory: URL
    /// The head of a database at head (contract depends on expand, so its row absorbs the expand row): what `db version` must print after every upgrade.
    static let heads = ["2024_1_contract01"]

    /// Glance's default config files are never read: every run passes `--connection`, and HOME points nowhere.
    private var environment: [String: String] { ["HOME": "/nonexistent-glance-bench-home"] }

    func glanceManage(_ arguments: [String], expecting: Int32 = 0) throws -> ChildRun {
        try ChildProcess.check(options.glanceManage, arguments, environment: environment, expecting: expecting)
    }

    func run(into report: inout Report) throws {
        if options.backends.contains(.sqlite) {
            try Startup(options: options, server: server, environment: environment).run(into: &report)
        }
        guard !options.startupOnly else { return }
        for backend in options.backends {
            try freshSync(backend, into: &report)
            var legacyPeaks: [(Int, Double)] = []
            for size in options.sizes {
                legacyPeaks.append((size, try legacyToHead(backend, size: size, into: &report)))
            }
            if let first = legacyPeaks.first, let last = legacyPeaks.last, legacyPeaks.count > 1,
               first.1 > 0, last.1 > 0 {
                let growth = last.1 / first.1
                report.measurements.append(Measurement(
                    benchmark: "peak RSS growth, legacy-44 → head, N = \(Report.formatCount(first.0)) → \(Report.formatCount(last.0)) (\(Report.format(growth))×)",
                    backend: backend, size: last.0, wall: .zero, peakRSSMiB: last.1, floor: nil,
                    target: .growthAtMost(1.25), verdict: growth <= 1.25))
            }
            try compareAll(backend, into: &report)
        }
    }

    /// `db sync` on an empty database, the median of several runs, each on a database of its own.
    private func freshSync(_ backend: BenchBackend, into report: inout Report) throws {
        var runs: [ChildRun] = [], floors: [ChildRun] = []
        for attempt in 0..<options.repeats {
            let database = try server.makeEmpty(backend, name: "gb_bench_fresh_\(attempt)")
            defer { try? database.drop() }
            runs.append(try glanceManage(["db", "sync", "--connection", database.url]))
            try verifyHead(database)
            if backend == .mysql {
                // The floor on MariaDB: Glance's own dump of its head schema, loaded by the `mariadb` client
                // into an empty database, alternating with our runs so both see the same load.
                let floor = try server.makeEmpty(backend, name: "gb_bench_fresh_floor_\(attempt)")
                defer { try? floor.drop() }
                let dump = generator.fixtures.appendingPathComponent("modern-mariadb-head.sql").path
                floors.append(try ChildProcess.check(options.mariadb, server.mariadbArguments(floor.name),
                                                     stdinFile: dump))
            }
        }
        let repeated = Repeated(runs: runs)
        if backend == .sqlite {
            let legacy = try server.makeEmpty(backend, name: "gb_bench_rebuilds")
            defer { try? legacy.drop() }
            try generator.makeLegacy44(legacy, images: 0)
            try countImagesRebuilds(legacy, into: &report)
        }
        log("\(backend.rawValue): fresh db sync \(Report.format(repeated.medianWall))")
        report.measurements.append(Measurement(
            benchmark: "fresh `db sync`" + (floors.isEmpty ? "" : " (floor: Glance's head dump loaded by `mariadb`)"),
            backend: backend, size: nil, wall: repeated.medianWall,
            peakRSSMiB: repeated.peakRSSMiB, floor: floors.isEmpty ? nil : Repeated(runs: floors).medianWall,
            target: backend == .sqlite ? .wallUnder(.milliseconds(100)) : .none))
    }

    /// Generates a legacy-44 database of `size` images, upgrades a copy with the floor script and the
    /// original with `glance-manage db sync`, checks both reached the same schema at head, then times
    /// `db version` and `db check` on the result. Returns the upgrade's peak RSS.
    private func legacyToHead(_ backend: BenchBackend, size: Int, into report: inout Report) throws -> Double {
        let label = "\(backend.rawValue) N=\(Report.formatCount(size))"
        let ours = try server.makeEmpty(backend, name: "gb_bench_\(size)")
        defer { try? ours.drop() }
        let clock = ContinuousClock()
        let generation = try clock.measure { try generator.makeLegacy44(ours, images: size) }
        report.datasets.append((backend, size, Self.rowCount(size), try ours.sizeMiB(), generation))
        log("\(label): generated in \(Report.format(generation))")

        let floorDatabase = try ours.copy(as: "gb_bench_\(size)_floor")
        defer { try? floorDatabase.drop() }
        let floor = try runFloor(floorDatabase)
        guard !floor.timedOut else { throw BenchError("\(label): the floor script was killed after \(Report.format(floor.wall))") }
        log("\(label): floor \(Report.format(floor.wall))")

        if backend == .mysql { try verifyFloorAgainstGlance(floorDatabase, label: label) }

        let upgrade = try ChildProcess.run(options.glanceManage, ["db", "sync", "--connection", ours.url],
                                           environment: environment, timeout: options.timeout)
        guard upgrade.status == 0 || upgrade.timedOut else {
            throw BenchError("\(label): db sync exited \(upgrade.status)\n\(upgrade.stderr)")
        }
        log("\(label): legacy-44 → head \(upgrade.timedOut ? "killed after" : "") \(Report.format(upgrade.wall))")
        report.measurements.append(Measurement(
            benchmark: "legacy-44 → head (`db sync`)", backend: backend, size: size, wall: upgrade.wall,
            peakRSSMiB: upgrade.peakRSSMiB, floor: floor.wall, target: .floorRatioAtMost(1.5, fromSize: 1_000_000),
            timedOut: upgrade.timedOut))
        guard !upgrade.timedOut else {
            report.notes.append("\(label): `db sync` from legacy 44 was killed after \(Report.format(options.timeout)) (`--timeout`); "
                                + "`db version` and `db check` were not measured at this size.")
            return upgrade.peakRSSMiB
        }
        try verifyHead(ours)
        try verifySameSchema(ours, floorDatabase, label: label)
        try measureReads(ours, size: size, into: &report)
        return upgrade.peakRSSMiB
    }

    /// `db version` and `db check` on a database at head holding `size` images.
    private func measureReads(_ database: BenchDatabase, size: Int, into report: inout Report) throws {
        try verifyHead(database)
        let url = database.url
        let version = Repeated(runs: try (0..<options.repeats).map { _ in
            try glanceManage(["db", "version", "--connection", url])
        })
        report.measurements.append(Measurement(
            benchmark: "`db version`", backend: database.backend, size: size, wall: version.medianWall,
            peakRSSMiB: version.peakRSSMiB, floor: nil, target: .wallUnder(.milliseconds(20))))
        let check = Repeated(runs: try (0..<options.repeats).map { _ in
            try glanceManage(["db", "check", "--connection", url])
        })
        report.measurements.append(Measurement(
            benchmark: "`db check`", backend: database.backend, size: size, wall: check.medianWall,
            peakRSSMiB: check.peakRSSMiB, floor: nil, target: .none))
    }

    /// MySQL only: the floor script must leave exactly the schema real Glance leaves on a legacy-44 database
    /// (its dump after `version_control mitaka02` and `db sync`, `Tests/Fixtures`), apart from the
    /// `migrate_version` table Glance keeps and the floor drops, as the bridge does.
    private func verifyFloorAgainstGlance(_ floor: BenchDatabase, label: String) throws {
        let reference = try server.makeEmpty(floor.backend, name: "gb_bench_glance_reference")
        defer { try? reference.drop() }
        let dump = generator.fixtures.appendingPathComponent("legacy44-mariadb-after-stamp-then-modern.sql")
        try reference.connect().executeScript(String(contentsOf: dump, encoding: .utf8))
        let glance = try reference.connect().introspect().excluding(tables: ["migrate_version"])
        let diff = SchemaDiff(glance, try floor.connect().introspect())
        guard diff.isEmpty else {
            throw BenchError("\(label): the floor script's schema differs from Glance's:\n\(diff)")
        }
        log("\(label): the floor's schema equals Glance's own legacy-44 upgrade")
    }

    private func runFloor(_ database: BenchDatabase) throws -> ChildRun {
        switch database.backend {
        case .sqlite:
            let script = floorDirectory.appendingPathComponent("legacy44-to-head-sqlite.sql").path
            return try ChildProcess.check(options.sqlite3, [database.sqlitePath], stdinFile: script, timeout: options.timeout)
        case .postgresql:
            let script = floorDirectory.appendingPathComponent("legacy44-to-head-postgres.sql").path
            return try ChildProcess.check(options.psql, server.psqlArguments(database.name) + ["-f", script], timeout: options.timeout)
        case .mysql:
            let script = floorDirectory.appendingPathComponent("legacy44-to-head-mariadb.sql").path
            return try ChildProcess.check(options.mariadb, server.mariadbArguments(database.name), stdinFile: script,
                                          timeout: options.timeout)
        }
    }

    /// SQLite only: how many times one `db sync` from legacy 44 rebuilds `images`, read from the statements
    /// `db sync --sql` prints (run against an in-memory copy; the database is not changed).
    private func countImagesRebuilds(_ database: BenchDatabase, into report: inout Report) throws {
        let offline = try glanceManage(["db", "sync", "--sql", "--connection", database.url])
        let rebuilds = offline.stdout.split(separator: "\n").filter {
            $0.uppercased().hasPrefix("DROP TABLE \"IMAGES\"") || $0.uppercased().hasPrefix("DROP TABLE IMAGES")
        }.count
        report.measurements.append(Measurement(
            benchmark: "rebuilds of `images` in one legacy-44 → head run: \(rebuilds) (`db sync --sql`; floor: 1)",
            backend: .sqlite, size: nil, wall: .zero, peakRSSMiB: offline.peakRSSMiB, floor: nil,
            target: .described("≤ 1 rebuild per table"), verdict: rebuilds <= 1))
    }

    /// `db compare --all`: every legacy/Alembic pair on scratch databases (in memory on SQLite, temporary
    /// schemas on PostgreSQL, temporary databases on MySQL). Independent of N.
    private func compareAll(_ backend: BenchBackend, into report: inout Report) throws {
        var arguments = ["db", "compare", "--all", "--dialect", backend.rawValue]
        var scratch: BenchDatabase?
        if backend != .sqlite {
            scratch = try server.makeEmpty(backend, name: "gb_bench_compare")
            arguments += ["--connection", scratch!.url]
        }
        defer { try? scratch?.drop() }
        let attempt = try ChildProcess.run(options.glanceManage, arguments, environment: environment)
        guard attempt.status == 0 else {
            throw BenchError("\(backend.rawValue): db compare --all exited \(attempt.status)\n\(attempt.stderr)")
        }
        let run = attempt
        log("\(backend.rawValue): db compare --all \(Report.format(run.wall))")
        report.measurements.append(Measurement(
            benchmark: "`db compare --all`", backend: backend, size: nil, wall: run.wall,
            peakRSSMiB: run.peakRSSMiB, floor: nil, target: .none))
    }

    /// `db version` prints exactly the two heads.
    private func verifyHead(_ database: BenchDatabase) throws {
        let version = try glanceManage(["db", "version", "--connection", database.url])
        let printed = version.stdout.split(separator: "\n").map(String.init).sorted()
        guard printed == Self.heads else {
            throw BenchError("\(database.backend.rawValue) \(database.name) is not at head after db sync: \(printed)")
        }
    }

    /// The tool and the floor script must leave the same schema, or the floor would not measure the same work.
    private func verifySameSchema(_ ours: BenchDatabase, _ floor: BenchDatabase, label: String) throws {
        let diff = SchemaDiff(try ours.connect().introspect(), try floor.connect().introspect())
        guard diff.isEmpty else { throw BenchError("\(label): the floor script's schema differs from db sync's:\n\(diff)") }
        log("\(label): at head (\(Self.heads.joined(separator: ", "))); schema equals the floor's")
    }

    /// Rows the generator writes for `size` images: 1 image + 10 properties + 1 location + 2 tags, and
    /// 2 members for every 4th image.
    static func rowCount(_ size: Int) -> Int { size * 14 + (size + 3) / 4 * 2 }
}

func log(_ line: String) {
    FileHandle.standardError.write(Data(("GlanceBench: " + line + "\n").utf8))
}
