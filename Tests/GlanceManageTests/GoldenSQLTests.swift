import DatabaseCore
import Foundation
import Testing
import TestSupport

/// Golden files for the SQL both renderers emit: `db sync --sql` on an empty database, per dialect, in
/// `Tests/Fixtures/golden/fresh-sync-<backend>.sql`. A change to any rendered statement shows up as a diff
/// of these files. They are rewritten only by `scripts/regenerate-golden` (which sets
/// `GLANCE_REGENERATE_GOLDEN=1`), and a second test checks the committed files themselves against Glance's
/// reference dumps: run on an empty database, each must build exactly the schema real Glance builds.
@Suite struct GoldenSQLTests {
    static var regenerating: Bool { ProcessInfo.processInfo.environment["GLANCE_REGENERATE_GOLDEN"] == "1" }

    static func goldenURL(_ backend: TestBackend) -> URL {
        Fixtures.directory.appendingPathComponent("golden/fresh-sync-\(backend.rawValue).sql")
    }

    @Test(arguments: TestBackend.all)
    func aFreshSyncRendersTheGoldenSQL(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let r = try GlanceManageBinary.run(["db", "sync", "--sql", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        if Self.regenerating {
            try FileManager.default.createDirectory(at: Self.goldenURL(backend).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try r.stdout.write(to: Self.goldenURL(backend), atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: Self.goldenURL(backend), encoding: .utf8)
        let ours = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let theirs = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(ours.count, theirs.count)
        #expect(r.stdout == golden, """
            \(Self.goldenURL(backend).lastPathComponent) differs from line \(first + 1):
            ours:   \(first < ours.count ? String(ours[first]) : "(end)")
            golden: \(first < theirs.count ? String(theirs[first]) : "(end)")
            (run scripts/regenerate-golden if the change is intended, and review the diff)
            """)
    }

    @Test(arguments: TestBackend.all)
    func theGoldenSQLBuildsGlancesSchema(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try db.executeScript(String(contentsOf: Self.goldenURL(backend), encoding: .utf8))
        let versions = try db.query("SELECT version_num FROM alembic_version")
            .compactMap { $0["version_num"].stringValue }
        #expect(versions == ["2024_1_contract01"])
        switch backend {
        case .sqlite:
            // Text for text, as Glance stores it (see StoredDDLTests).
            #expect(try StoredDDLTests.rows(in: db) == StoredDDLTests.referenceRows("modern-sqlite-head.sql"))
        case .postgresql, .mysql:
            // pg_dump and mariadb-dump keep no statement text: compare what the catalog holds.
            let diff = SchemaDiff(try Fixtures.referenceHeadSchema(backend), try db.introspect())
            #expect(diff.isEmpty, "\(diff)")
        }
    }
}
