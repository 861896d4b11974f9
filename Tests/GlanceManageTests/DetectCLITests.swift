import DatabaseCore
import Foundation
import Testing
import TestSupport

/// `db detect --format json` on every backend: what it finds at the states a sync passes through, and that
/// it only reads (the database is exactly as it was).
@Suite struct DetectCLITests {
    static func detect(_ scratch: ScratchDatabase) throws -> [String: Any] {
        let before = try DatabaseSnapshot(scratch)
        let r = try GlanceManageBinary.run(["db", "detect", "--format", "json", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        #expect(try DatabaseSnapshot(scratch) == before, "db detect changed the database")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r)")
    }

    @Test(arguments: TestBackend.all)
    func anEmptyDatabaseWouldGetTheWholeChain(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        _ = try scratch.connect() // an empty SQLite file, so that the snapshot has bytes to compare
        let found = try Self.detect(scratch)
        #expect(found["history"] as? String == "empty")
        #expect(found["version_tables"] as? [String] == [])
        #expect((found["sync_would_apply"] as? [String])?.count == 29)
        #expect((found["sync_would_apply"] as? [String])?.first == "liberty")
    }

    @Test(arguments: TestBackend.all)
    func aPartlyUpgradedDatabaseMatchesItsRevisionAndNamesWhatIsLeft(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let r = try GlanceManageBinary.run(["db", "upgrade", "--version", "mitaka02", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        let found = try Self.detect(scratch)
        #expect(found["history"] as? String == "alembic")
        #expect(found["alembic_rows"] as? [String] == ["mitaka02"])
        #expect((found["schema_matches"] as? [String])?.contains("Alembic revision mitaka02") == true, "\(found)")
        #expect((found["sync_would_apply"] as? [String])?.count == 26)
    }

    @Test(arguments: TestBackend.all)
    func aSyncedDatabaseMatchesHeadAndNeedsNothing(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        #expect(try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url]).status == 0)
        let found = try Self.detect(scratch)
        #expect(found["alembic_rows"] as? [String] == ["2024_1_contract01"])
        #expect((found["schema_matches"] as? [String])?.contains("Alembic revision 2024_1_contract01") == true,
                "\(found)")
        #expect(found["sync_would_apply"] as? [String] == [])
        #expect(found["bridge"] as? String == "nothing to bridge")
    }
}
