import DatabaseCore
import Foundation
import GlanceRevisions
import LegacyBridge
import MigrationEngine
import Testing
import TestSupport

/// Real legacy databases (Glance's own dumps at 42-45 with their migrate_version row) carried to head by
/// `glance-manage db sync`, and tampered ones refused without a single byte changed.
@Suite struct BridgeTests {
    /// What a database bridged at legacy `version` keeps that a fresh head lacks, computed by simulating the
    /// legacy scripts and the Alembic chain (the tests compare it with real databases and Glance's dumps).
    /// On MySQL the bridged database also lacks a fact of the fresh head (the CHECK liberty puts on
    /// `images.protected`), as Glance's own bridged database does (`computedMariaDBResidueIsGlancesOwn`).
    static func residueAtHead(afterLegacy version: Int, _ backend: TestBackend)
        -> (legacyOnly: [String], alembicOnly: [String]) {
        let residue = KnownSchemas(dialect: backend.dialect).legacyDifferences(version, carriedTo: GlanceRevisions.map.heads)
        #expect(residue.allSatisfy { $0.because != nil }, "every residue has a reason on its legacy step")
        return (residue.legacyOnlyFacts, residue.alembicOnlyFacts)
    }

    /// The bridged schema differs from Glance's fresh head exactly by the computed residue.
    static func expectHeadModuloResidue(_ db: any Database, afterLegacy version: Int, _ backend: TestBackend) throws {
        let diff = SchemaDiff(try Fixtures.referenceHeadSchema(backend), try db.introspect())
        let residue = residueAtHead(afterLegacy: version, backend)
        #expect(diff.onlyInFirst == residue.alembicOnly, "\(diff)")
        #expect(diff.onlyInSecond == residue.legacyOnly, "\(diff)")
    }

    @Test(arguments: TestBackend.all, [42, 43, 44, 45])
    func legacyDatabaseWithImagesReachesHead(_ backend: TestBackend, _ version: Int) throws {
        let scratch = try Fixtures.legacyDatabase(version, backend)
        let db = try scratch.connect()
        if version < 45 {
            try db.executeScript("""
                INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram, protected) VALUES
                  ('pub', 'active', TRUE, '2016-01-01', FALSE, 0, 0, FALSE),
                  ('priv', 'active', FALSE, '2016-01-01', FALSE, 0, 0, FALSE),
                  ('shr', 'active', FALSE, '2016-01-01', FALSE, 0, 0, FALSE),
                  ('gone', 'active', FALSE, '2016-01-01', FALSE, 0, 0, FALSE);
                INSERT INTO image_members (image_id, member, can_share, created_at, deleted, status) VALUES
                  ('shr', 'tenant-a', FALSE, '2016-01-01', FALSE, 'accepted'),
                  ('gone', 'tenant-b', FALSE, '2016-01-01', TRUE, 'accepted');
                """)
        }
        let c = ["--connection", scratch.url]
        var r = try GlanceManageBinary.run(c + ["db", "version"])
        #expect(r.stdoutLines.count == 1)
        #expect(r.stdout.contains("Legacy version \(version)"))
        r = try GlanceManageBinary.run(c + ["db", "sync"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines.first == "Database is currently not under Alembic's migration control.")
        #expect(r.stdoutLines.contains("Placing database under Alembic's migration control at revision: \(StampingMap.revisionForLegacyVersion[version]!)"))
        #expect(r.stdoutLines.last == "Database is synced successfully.")
        r = try GlanceManageBinary.run(c + ["db", "version"])
        #expect(r.stdoutLines == ["2024_1_contract01"])
        #expect(try !db.tableExists("migrate_version"))
        if version < 45 {
            let rows = try db.query("SELECT id, visibility FROM images ORDER BY id")
            #expect(rows.map { "\($0["id"])=\($0["visibility"])" } == ["gone=private", "priv=private", "pub=public", "shr=shared"])
        }
        try Self.expectHeadModuloResidue(db, afterLegacy: version, backend)
    }

    /// `--sql` on a legacy database: the bridge is one comment line, stdout holds only SQL, nothing changes.
    @Test(arguments: TestBackend.all)
    func offlineSQLOfALegacyDatabaseIsOnlySQL(_ backend: TestBackend) throws {
        let scratch = try Fixtures.legacyDatabase(44, backend)
        let before = try DatabaseSnapshot(scratch)
        let r = try GlanceManageBinary.run(["db", "sync", "--sql", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines.first == "-- bridge: verified as legacy version 44; stamp mitaka02 and drop migrate_version")
        #expect(!r.stdout.contains("Placing database"))
        #expect(r.stdout.contains("-- Running upgrade mitaka02 -> ocata_expand01, add visibility to images"))
        #expect(try DatabaseSnapshot(scratch) == before)
    }

    @Test(arguments: TestBackend.all)
    func detectionReadsEveryHistory(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        #expect(try Detection.read(db).kind == .empty)
        try db.executeScript("CREATE TABLE migrate_version (repository_id VARCHAR(250) NOT NULL PRIMARY KEY, repository_path TEXT, version INTEGER)")
        try db.execute("INSERT INTO migrate_version VALUES ('Glance Migrations', '/x', 0)")
        #expect(try Detection.read(db).kind == .empty)
        try db.executeScript("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        try db.execute("INSERT INTO alembic_version VALUES ('pike01')")
        let detection = try Detection.read(db)
        #expect(detection.kind == .alembicWithLegacyLeftover)
        #expect(detection.effectiveHeads == ["pike_contract01"])
        #expect(detection.summary == "pike01 (pre-Queens id, today pike_contract01) (also a leftover migrate_version row at legacy version 0, ignored)")
    }

    @Test(arguments: TestBackend.all)
    func preQueensIdIsRewrittenBySync(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]
        var r = try GlanceManageBinary.run(c + ["db", "upgrade", "--version", "ocata_contract01"])
        #expect(r.status == 0, "\(r)")
        try scratch.connect().execute("UPDATE alembic_version SET version_num = 'ocata01'")
        r = try GlanceManageBinary.run(c + ["db", "version"])
        #expect(r.stdoutLines == ["ocata01 (pre-Queens id, today ocata_contract01)"])
        r = try GlanceManageBinary.run(c + ["db", "check"])
        #expect(r.status == 3)
        r = try GlanceManageBinary.run(c + ["db", "sync"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("Rewrote pre-Queens revision id ocata01 to ocata_contract01"))
        r = try GlanceManageBinary.run(c + ["db", "version"])
        #expect(r.stdoutLines == ["2024_1_contract01"])
    }

    /// A legacy database that lies about itself is refused with an explanation, byte for byte unchanged.
    @Test(arguments: TestBackend.all, Tampering.allCases)
    func tamperedLegacyDatabaseIsRefusedUnchanged(_ backend: TestBackend, _ tampering: Tampering) throws {
        let scratch = try Fixtures.legacyDatabase(44, backend)
        let db = try scratch.connect()
        try db.executeScript(tampering.sql(backend))
        let before = try DatabaseSnapshot(scratch)
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.hasPrefix("ERROR: "))
        #expect(r.stderr.contains(tampering.expectedMessage), "\(r)")
        #expect(try DatabaseSnapshot(scratch) == before)
    }

    enum Tampering: String, CaseIterable, Sendable {
        case droppedIndex, wrongNumber, missingTable, newerNumber, extraView, extraTrigger

        func sql(_ backend: TestBackend) -> String {
            switch self {
            case .extraView: return "CREATE VIEW public_images AS SELECT id, is_public FROM images"
            case .extraTrigger where backend == .sqlite:
                return "CREATE TRIGGER images_touch AFTER UPDATE ON images BEGIN SELECT 1; END"
            case .extraTrigger where backend == .mysql:
                return "CREATE TRIGGER images_touch BEFORE UPDATE ON images FOR EACH ROW SET NEW.name = NEW.name"
            case .extraTrigger:
                return """
                    CREATE FUNCTION images_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                    CREATE TRIGGER images_touch BEFORE UPDATE ON images FOR EACH ROW EXECUTE FUNCTION images_touch()
                    """
            case .droppedIndex where backend == .mysql: return "DROP INDEX owner_image_idx ON images"
            case .droppedIndex: return "DROP INDEX owner_image_idx"
            case .wrongNumber: return "UPDATE migrate_version SET version = 45"
            case .missingTable: return "DROP TABLE image_tags"
            case .newerNumber: return "UPDATE migrate_version SET version = 46"
            }
        }

        var expectedMessage: String {
            switch self {
            case .droppedIndex: return "the database claims legacy version 44 but its schema differs from it in 1 places"
            case .wrongNumber: return "the database claims legacy version 45 but its schema is that of legacy version 43"
            case .missingTable: return "the database claims legacy version 44 but its schema differs from it"
            case .newerNumber: return "legacy version 46 is not a Glance legacy version"
            case .extraView, .extraTrigger: return "the database claims legacy version 44 but its schema differs from it in 1 places"
            }
        }
    }
}

/// Databases older than Liberty are carried through our own legacy scripts, verified at 42 and handed off.
@Suite struct OldLegacyBridgeTests {
    static func database(atLegacyVersion version: Int, _ backend: TestBackend, rows: (any Database) throws -> Void) throws -> ScratchDatabase {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try LegacyMigrator().versionControl(db)
        try WriteTransaction.run(on: db) { _ = try LegacyMigrator().upgrade($0, from: 0, to: version) }
        try rows(db)
        return scratch
    }

    @Test(arguments: TestBackend.all)
    func grizzlyDatabaseWithImagesReachesHead(_ backend: TestBackend) throws {
        let scratch = try Self.database(atLegacyVersion: 20, backend) { db in
            try db.executeScript("""
                INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram, protected) VALUES
                  ('11111111-1111-4111-8111-111111111111', 'active', TRUE, '2013-04-01', FALSE, 0, 0, FALSE),
                  ('22222222-2222-4222-8222-222222222222', 'killed', FALSE, '2013-04-01', FALSE, 0, 0, FALSE);
                INSERT INTO image_locations (image_id, value, created_at, deleted) VALUES
                  ('22222222-2222-4222-8222-222222222222', 'file:///var/lib/glance/images/2', '2013-04-01', FALSE)
                """)
        }
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("Running legacy script 021_set_engine_mysql_innodb"))
        #expect(r.stderr.contains("Running legacy script 042_add_changes_to_reinstall_unique_metadef_constraints"))
        #expect(!r.stderr.contains("Running legacy script 043"))
        let db = try scratch.connect()
        #expect(try db.query("SELECT version_num FROM alembic_version").map { $0["version_num"].stringValue } == ["2024_1_contract01"])
        #expect(try db.query("SELECT visibility FROM images ORDER BY id").map { $0["visibility"].stringValue } == ["public", "private"])
        #expect(try db.query("SELECT status, meta_data FROM image_locations").map { "\($0["status"])|\($0["meta_data"])" } == ["deleted|{}"])
        try BridgeTests.expectHeadModuloResidue(db, afterLegacy: 42, backend)
    }

    /// 017 cannot re-encrypt locations without Glance's key: the sync stops before touching anything.
    @Test(arguments: TestBackend.all)
    func encryptedLocationsStopTheUpgradeUnchanged(_ backend: TestBackend) throws {
        let scratch = try Self.database(atLegacyVersion: 16, backend) { db in
            try db.execute("INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram, protected, location) VALUES ('33333333-3333-4333-8333-333333333333', 'active', TRUE, '2013-04-01', FALSE, 0, 0, FALSE, 'c2VjcmV0LWJsb2NrLW9mLWFlcy1kYXRh')")
        }
        let before = try DatabaseSnapshot(scratch)
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 1)
        #expect(r.stderr.contains("legacy 017 would have to re-encrypt the locations of 1 image(s)"), "\(r)")
        #expect(r.stderr.contains("nothing was changed"))
        #expect(try DatabaseSnapshot(scratch) == before)
    }
}
