import DatabaseCore
import Foundation
@testable import GlanceManageCore
import Testing
import TestSupport

/// The one-line progress display: its text, and where it appears (a terminal's stderr only).
@Suite struct ProgressDisplayTests {
    @Test func lineShowsDoneOfTotalRateAndTimeLeft() {
        // 40000 rows in 5 s is 8000 rows/s; 60000 more take 7.5 s, shown rounded up.
        #expect(ProgressDisplay.render(label: "Data migration ocata_migrate01", done: 40000, total: 100_000,
                                       elapsedSeconds: 5, width: 120)
                == "Data migration ocata_migrate01  40000/100000 rows  40%  8000 rows/s  0:08 left")
        #expect(ProgressDisplay.render(label: "Legacy scripts", done: 3, total: 42, unit: "scripts",
                                       elapsedSeconds: 1.5, width: 120)
                == "Legacy scripts  3/42 scripts  7%  2 scripts/s  0:20 left")
    }

    @Test func timeLeftIsUnknownBeforeAnyRowAndCountsHours() {
        #expect(ProgressDisplay.render(label: "x", done: 0, total: 10, elapsedSeconds: 2, width: 80)
                == "x  0/10 rows  0%  0 rows/s  --:-- left")
        #expect(ProgressDisplay.render(label: "x", done: 1, total: 7201, elapsedSeconds: 1, width: 80)
                == "x  1/7201 rows  0%  1 rows/s  2:00:00 left")
    }

    @Test func lineNeverWrapsPastTheTerminalWidth() {
        let line = ProgressDisplay.render(label: "Data migration ocata_migrate01", done: 1, total: 2,
                                          elapsedSeconds: 1, width: 20)
        #expect(line == "Data migration ocat")
        #expect(line.count < 20)
    }

    @Test func onlyATerminalStderrWithoutJSONGetsTheInPlaceLine() {
        var settings = LogSettings()
        settings.stderrIsTerminal = true
        #expect(settings.showsProgress)
        settings.useJSON = true
        #expect(!settings.showsProgress)
        settings.useJSON = false
        settings.useStderr = false
        #expect(!settings.showsProgress)
        #expect(!LogSettings().showsProgress)
    }

    /// 25 legacy-style rows pending for `ocata_migrate01` on a SQLite database at expand.
    /// Each test gets its own file (the scratch database is named after the calling test).
    func pendingMigration(function: String = #function) throws -> (ScratchDatabase, [String]) {
        let scratch = try TestBackend.sqlite.makeScratch(function: function)
        let c = ["--connection", scratch.url]
        var r = try GlanceManageBinary.run(c + ["db", "upgrade", "--version", "mitaka02"])
        #expect(r.status == 0, "\(r)")
        let db = try scratch.connect()
        for i in 0..<25 {
            try db.execute("INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram) "
                           + "VALUES (?, 'active', \(i % 2 == 0 ? "TRUE" : "FALSE"), '2026-01-01 00:00:00', FALSE, 0, 0)",
                           [.text("img-\(i)")])
        }
        r = try GlanceManageBinary.run(c + ["db", "expand"])
        #expect(r.status == 0, "\(r)")
        return (scratch, c)
    }

    @Test func withoutATerminalEachBatchIsAPlainLogLine() throws {
        let (scratch, c) = try pendingMigration()
        defer { withExtendedLifetime(scratch) {} }  // the file lives as long as the value
        let r = try GlanceManageBinary.run(c + ["db", "migrate", "--batch-size", "10"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "Migrated 25 rows\n")
        #expect(r.stderr.contains(
            "INFO glance.db.migration [-] Data migration ocata_migrate01: batch 2 committed, 20 of 25 rows migrated\n"))
        #expect(!r.stderr.contains("\r") && !r.stderr.contains("\u{1B}"))
    }

    /// stderr on a pseudo-terminal (python3's pty module), stdout on a pipe.
    func runOnTerminal(_ arguments: [String]) throws -> (status: Int32, stdout: String, terminal: String) {
        let script = """
            import json, os, pty, subprocess, sys
            master, slave = pty.openpty()
            p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
            os.close(slave)
            seen = b""
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            out = p.stdout.read()
            print(json.dumps({"status": p.wait(), "stdout": out.decode(), "terminal": seen.decode()}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, GlanceManageBinary.url.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GLANCE_BRIDGE_CONFIG_SEARCH_PATH"] = "/nonexistent-glance-bridge-config"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (Int32(object["status"] as? Int ?? -1), object["stdout"] as? String ?? "", object["terminal"] as? String ?? "")
    }

    @Test func onATerminalBatchesRedrawOneLineAndStdoutStaysClean() throws {
        let (scratch, c) = try pendingMigration()
        defer { withExtendedLifetime(scratch) {} }  // the file lives as long as the value
        let r = try runOnTerminal(c + ["db", "migrate", "--batch-size", "10"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "Migrated 25 rows\n")
        #expect(r.terminal.contains("\r\u{1B}[KData migration ocata_migrate01  10/25 rows  40%  "), "\(r.terminal)")
        #expect(r.terminal.contains("\r\u{1B}[KData migration ocata_migrate01  25/25 rows  100%  "))
        #expect(!r.terminal.contains("batch 1 committed"))
        // The step's closing record starts at the left margin, after the progress line is cleared.
        #expect(r.terminal.contains("\r\u{1B}[K20"), "\(r.terminal)")
        #expect(r.terminal.contains("Data migration ocata_migrate01 changed 25 rows"))
    }

    @Test func useJSONOnATerminalKeepsPlainRecords() throws {
        let (scratch, c) = try pendingMigration()
        defer { withExtendedLifetime(scratch) {} }  // the file lives as long as the value
        let r = try runOnTerminal(c + ["--use-json", "db", "migrate", "--batch-size", "10"])
        #expect(r.status == 0, "\(r)")
        #expect(!r.terminal.contains("\u{1B}"))
        #expect(r.terminal.contains(#""message": "Data migration ocata_migrate01: batch 1 committed, 10 of 25 rows migrated""#))
    }

    /// A SQLite database at head with three soft-deleted properties of a live image, deleted 40 days ago.
    func purgeable(function: String = #function) throws -> (ScratchDatabase, [String]) {
        let scratch = try TestBackend.sqlite.makeScratch(function: function)
        let c = ["--connection", scratch.url]
        let r = try GlanceManageBinary.run(c + ["db", "sync"])
        #expect(r.status == 0, "\(r)")
        let fixture = PurgeFixture(database: try scratch.connect())
        try fixture.image("img-1", deletedDaysAgo: nil)
        for number in 0..<3 { try fixture.child("image_properties", image: "img-1", deletedDaysAgo: 40, number: number) }
        return (scratch, c)
    }

    @Test func purgeOnATerminalDrawsEachTablesProgress() throws {
        let (scratch, c) = try purgeable()
        defer { withExtendedLifetime(scratch) {} }
        let r = try runOnTerminal(c + ["db", "purge"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.terminal.contains("\r\u{1B}[KPurging image_properties  3/3 rows  100%  "), "\(r.terminal)")
        #expect(r.terminal.contains("Deleted 3 row(s) from table image_properties"))
    }

    @Test func purgeWithoutATerminalLogsOnlyGlancesLines() throws {
        let (scratch, c) = try purgeable()
        defer { withExtendedLifetime(scratch) {} }
        let r = try GlanceManageBinary.run(c + ["db", "purge"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("Deleted 3 row(s) from table image_properties"))
        #expect(!r.stderr.contains("\r") && !r.stderr.contains("\u{1B}") && !r.stderr.contains("3/3"))
    }

    /// A SQLite database at mitaka02 holding 120000 images: `db sync` rebuilds `images` at ocata_contract01
    /// (dropping `is_public`), copying the rows in rowid ranges of about 50000, so three ranges.
    func manyImages(function: String = #function) throws -> (ScratchDatabase, [String]) {
        let scratch = try TestBackend.sqlite.makeScratch(function: function)
        let c = ["--connection", scratch.url]
        let r = try GlanceManageBinary.run(c + ["db", "upgrade", "--version", "mitaka02"])
        #expect(r.status == 0, "\(r)")
        try scratch.connect().execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120000)
            INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram)
            SELECT 'img-' || i, 'active', i % 2, '2026-01-01 00:00:00', 0, 0, 0 FROM n
            """)
        return (scratch, c)
    }

    @Test func withoutATerminalARebuildLogsRowsCopied() throws {
        let (scratch, c) = try manyImages()
        defer { withExtendedLifetime(scratch) {} }
        let r = try GlanceManageBinary.run(c + ["db", "sync"])
        #expect(r.status == 0, "\(r)")
        for copied in [0, 40000, 80000, 120000] {
            #expect(r.stderr.contains(
                "INFO glance.db.migration [-] Rebuilding table images: \(copied) of 120000 rows copied\n"), "\(r.stderr)")
        }
        #expect(!r.stderr.contains("\r") && !r.stderr.contains("\u{1B}"))
        #expect(!r.stdout.contains("Rebuilding") && !r.stdout.contains("rows copied"))
        #expect(r.stdout.hasSuffix("Database is synced successfully.\n"))
        #expect(try scratch.connect().query("SELECT COUNT(*) AS n FROM images").first?["n"].intValue == 120000)
    }

    @Test func onATerminalARebuildRedrawsOneLineAndStdoutStaysClean() throws {
        let (scratch, c) = try manyImages()
        defer { withExtendedLifetime(scratch) {} }
        let r = try runOnTerminal(c + ["db", "sync"])
        #expect(r.status == 0, "\(r)")
        #expect(r.terminal.contains("\r\u{1B}[KRebuilding images  0/120000 rows  0%  "), "\(r.terminal)")
        #expect(r.terminal.contains("\r\u{1B}[KRebuilding images  40000/120000 rows  33%  "), "\(r.terminal)")
        #expect(r.terminal.contains("\r\u{1B}[KRebuilding images  120000/120000 rows  100%  "))
        #expect(!r.terminal.contains("rows copied"))
        // The next record starts at the left margin, after the line is cleared.
        #expect(r.terminal.contains("\r\u{1B}[K20"), "\(r.terminal)")
        #expect(!r.stdout.contains("Rebuilding") && !r.stdout.contains("\u{1B}") && !r.stdout.contains("\r"))
        #expect(r.stdout.hasSuffix("Database is synced successfully.\n"))
    }

    @Test func useJSONOnATerminalLogsARebuildAsRecords() throws {
        let (scratch, c) = try manyImages()
        defer { withExtendedLifetime(scratch) {} }
        let r = try runOnTerminal(c + ["--use-json", "db", "sync"])
        #expect(r.status == 0, "\(r)")
        #expect(!r.terminal.contains("\u{1B}"))
        #expect(r.terminal.contains(#""message": "Rebuilding table images: 80000 of 120000 rows copied""#), "\(r.terminal)")
    }
}
