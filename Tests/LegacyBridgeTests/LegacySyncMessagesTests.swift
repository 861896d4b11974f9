import DatabaseCore
import Foundation
import LegacyBridge
import Testing
import TestSupport

/// What `db version` and `db sync` say about a database older than Liberty, which the bridge carries.
@Suite struct LegacySyncMessagesTests {
    @Test(arguments: TestBackend.all)
    func versionSaysWhatSyncWillDo(_ backend: TestBackend) throws {
        let scratch = try OldLegacyBridgeTests.database(atLegacyVersion: 20, backend) { _ in }
        let r = try GlanceManageBinary.run(["db", "version", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines == [
            "Legacy version 20 (Grizzly) under sqlalchemy-migrate, older than Liberty (42), not under Alembic control; "
                + "\"glance-manage db sync\" will run legacy scripts 021-042 (in one transaction where DDL is "
                + "transactional, else one committed step per script), verify the result is legacy version 42, "
                + "stamp it liberty and upgrade (it changes nothing if a script's data cannot be carried safely)",
        ])
        #expect(!r.stdout.contains("not bridgeable"))
    }

    /// On Glance's real legacy 42-45 databases, `db version` names the version and the revision Glance 22.1.1
    /// stamped it with (its "Placing database under Alembic's migration control at revision" in
    /// legacy-upgrade-mariadb.txt, the W sections), where Glance 33.0.0 says only "not under migration control".
    @Test(arguments: TestBackend.all, [(42, "liberty"), (43, "mitaka01"), (44, "mitaka02"), (45, "ocata01")])
    func versionNamesTheRevisionALegacyVersionMapsTo(_ backend: TestBackend, _ legacy: (Int, String)) throws {
        let scratch = try Fixtures.legacyDatabase(legacy.0, backend)
        let r = try GlanceManageBinary.run(["db", "version", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines.count == 1, "\(r)")
        let line = r.stdoutLines.first ?? ""
        #expect(line.hasPrefix("Legacy version \(legacy.0) ("), "\(r)")
        #expect(line.contains("it maps to \(legacy.1)"), "\(r)")
    }

    /// Glance's own lines stay as the transcripts show them; ours says which legacy scripts ran, before the
    /// stamp.
    @Test(arguments: TestBackend.all)
    func syncSaysWhichLegacyScriptsRanBeforeTheStampLine(_ backend: TestBackend) throws {
        let scratch = try OldLegacyBridgeTests.database(atLegacyVersion: 34, backend) { _ in }
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        #expect(Array(r.stdoutLines.prefix(3)) == [
            "Database is currently not under Alembic's migration control.",
            "Ran legacy scripts 035-042 (Juno to Liberty) and verified the result is legacy version 42.",
            "Placing database under Alembic's migration control at revision: liberty",
        ])
        #expect(r.stdoutLines.last == "Database is synced successfully.")
    }
}
