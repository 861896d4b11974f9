import DatabaseCore
import Foundation
import GlanceRevisions
import MigrationEngine
import Testing
import TestSupport

/// Where DDL commits per statement, a schema that no run of the next revision leaves (an object it changes,
/// changed by hand) is not guessed at: the upgrade refuses before writing, reading commands still answer.
@Suite struct PartialRevisionTests {
    @Test(arguments: TestBackend.nonTransactionalDDL)
    func aHandChangedObjectOfTheNextRevisionIsRefusedAndReported(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let upgrade = try GlanceManageBinary.run(["db", "upgrade", "--version", "mitaka02",
                                                  "--connection", scratch.url])
        #expect(upgrade.status == 0, "\(upgrade)")
        let db = try scratch.connect()
        // ocata_expand01 adds images.visibility as an ENUM; this one is TEXT.
        try db.executeScript("ALTER TABLE images ADD COLUMN visibility TEXT")
        let before = try db.introspect()
        let sync = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(sync.status == 1)
        #expect(sync.stderr == "Failed to sync database: ERROR: what revision ocata_expand01 changes matches none of "
                + "the states between its operations (changed by hand?); nothing was changed\n", "\(sync)")
        #expect(try db.introspect() == before)
        #expect(try Migrator(map: GlanceRevisions.map).currentHeads(in: db) == ["mitaka02"])
        let warning = "WARNING: what revision ocata_expand01 changes matches none of the states between its "
            + "operations (changed by hand?): an upgrade will refuse to run it\n"
        let version = try GlanceManageBinary.run(["db", "version", "--connection", scratch.url])
        #expect(version.status == 0 && version.stdout == "mitaka02\n" && version.stderr == warning, "\(version)")
        let check = try GlanceManageBinary.run(["db", "check", "--connection", scratch.url])
        #expect(check.status == 3 && check.stderr == warning, "\(check)")
    }
}
