import DatabaseCore
import Foundation
import GlanceRevisions
import LegacyBridge
import Testing
import TestSupport

/// Legacy (sqlalchemy-migrate) databases on MariaDB, through the built `glance-manage`: Glance's own legacy-44
/// database reaches head with the visibility rule applied (the real tool leaves it stuck, see
/// `transcripts/legacy-upgrade-mariadb.txt`), and older ones are carried script by script. MySQL commits at
/// every DDL statement, so there each script commits on its own and advances `migrate_version`; a script
/// that fails half-way is reported as such, and the next run refuses the half-changed schema untouched.
@Suite struct LegacyOnMySQLTests {
    /// Glance's legacy-44 dump (with its `migrate_version` row and seeded resource types) plus images whose
    /// visibility 045's rule decides: public, private, shared through a live member, private with a deleted
    /// member only, and public with a member (stays public).
    static func glancesLegacy44WithImages() throws -> ScratchDatabase {
        let scratch = try TestBackend.mysql.makeScratch()
        let db = try scratch.connect()
        try Fixtures.load("legacy44-mariadb.dump.sql", into: db)
        try db.executeScript("""
            INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram, protected) VALUES
              ('pub', 'active', TRUE, '2016-01-01', FALSE, 0, 0, FALSE),
              ('priv', 'active', FALSE, '2016-01-01', FALSE, 0, 0, FALSE),
              ('shr', 'active', FALSE, '2016-01-01', FALSE, 0, 0, FALSE),
              ('gone', 'active', FALSE, '2016-01-01', FALSE, 0, 0, FALSE),
              ('pubm', 'active', TRUE, '2016-01-01', FALSE, 0, 0, FALSE);
            INSERT INTO image_members (image_id, member, can_share, created_at, deleted, status) VALUES
              ('shr', 'tenant-a', FALSE, '2016-01-01', FALSE, 'accepted'),
              ('gone', 'tenant-b', FALSE, '2016-01-01', TRUE, 'accepted'),
              ('pubm', 'tenant-c', FALSE, '2016-01-01', FALSE, 'accepted');
            """)
        return scratch
    }

    @Test func glancesLegacy44DatabaseWithImagesReachesHead() throws {
        let scratch = try Self.glancesLegacy44WithImages()
        let c = ["--connection", scratch.url]
        var r = try GlanceManageBinary.run(c + ["db", "sync"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines.first == "Database is currently not under Alembic's migration control.")
        #expect(r.stdoutLines.contains("Placing database under Alembic's migration control at revision: mitaka02"))
        #expect(r.stdoutLines.last == "Database is synced successfully.")
        r = try GlanceManageBinary.run(c + ["db", "version"])
        #expect(r.stdoutLines == ["2024_1_contract01"])
        let db = try scratch.connect()
        #expect(try !db.tableExists("migrate_version"))
        let rows = try db.query("SELECT id, visibility FROM images ORDER BY id")
        #expect(rows.map { "\($0["id"])=\($0["visibility"])" }
                == ["gone=private", "priv=private", "pub=public", "pubm=public", "shr=shared"])
        #expect(try db.query("SELECT COUNT(*) AS n FROM metadef_resource_types")[0]["n"].intValue == 5)
        // Glance's own legacy 44, stamped and upgraded by Glance (the route that works without rows), has this
        // catalog, line for line, except the migrate_version Glance keeps and the bridge drops.
        let glance = try MariaDBCatalog.referenceLines("legacy44-mariadb-after-stamp-then-modern.struct.txt")
            .filter { !$0.contains("migrate_version") }
        let ours = try MariaDBCatalog.structLines(of: db)
        let onlyOurs = ours.filter { !glance.contains($0) }, onlyGlance = glance.filter { !ours.contains($0) }
        #expect(ours == glance, "only ours \(onlyOurs), only Glance's \(onlyGlance)")
        // And it is the fresh head but for the computed residue (both ways on MySQL: see KnownSchemasTests).
        let residue = KnownSchemas(dialect: .mysql).legacyDifferences(44, carriedTo: GlanceRevisions.map.heads)
        let diff = SchemaDiff(try Fixtures.referenceHeadSchema(.mysql), try db.introspect())
        #expect(diff.onlyInFirst == residue.alembicOnlyFacts, "\(diff)")
        #expect(diff.onlyInSecond == residue.legacyOnlyFacts, "\(diff)")
    }

    /// A Grizzly database carried 021-042 one script at a time, verified at 42, stamped and upgraded.
    @Test func anOldDatabaseIsCarriedAndEveryScriptIsRecorded() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        let db = try scratch.connect()
        try LegacyMigrator().versionControl(db)
        try LegacyMigrator().carry(db, from: 0, to: 20) { _ in }
        #expect(try LegacyVersionTable.version(in: db) == 20)
        try db.execute("""
            INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram, protected)
            VALUES ('11111111-1111-4111-8111-111111111111', 'active', FALSE, '2013-04-01', FALSE, 0, 0, FALSE)
            """)
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines.contains("Ran legacy scripts 021-042 (Grizzly to Liberty) and verified the result is "
                                       + "legacy version 42."), "\(r)")
        #expect(r.stderr.contains("Running legacy script 021_set_engine_mysql_innodb"))
        #expect(try db.query("SELECT version_num FROM alembic_version").map { $0["version_num"].stringValue }
                == ["2024_1_contract01"])
        #expect(try db.query("SELECT visibility FROM images").map { $0["visibility"].stringValue } == ["private"])
    }

    /// MySQL cannot undo a script that fails half-way, so scripts never start on a schema other than the one
    /// the claimed version has: one missing index is refused before anything is written.
    @Test func anOldDatabaseWhoseSchemaIsNotItsVersionIsRefusedUnchanged() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        let db = try scratch.connect()
        try LegacyMigrator().versionControl(db)
        try LegacyMigrator().carry(db, from: 0, to: 20) { _ in }
        try db.executeScript("DROP INDEX ix_image_locations_deleted ON image_locations")
        let before = try DatabaseSnapshot(scratch)
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 1, "\(r)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("ERROR:") }
        #expect(errors == ["ERROR: the database claims legacy version 20 but its schema differs from it in 1 places "
                           + "(listed below); nothing was changed (use --force to stamp anyway)"], "\(r)")
        #expect(!r.stderr.contains("Running legacy script"), "\(r)")
        #expect(try DatabaseSnapshot(scratch) == before)
    }

    /// 012 cannot put its foreign key back over a member whose image does not exist (Glance's 012 fails the
    /// same way). MySQL keeps what ran: 011 stays applied and recorded, the message says so, and the next run
    /// refuses the half-changed schema without writing a byte.
    @Test func aScriptThatFailsHalfwayIsReportedAndTheRerunRefusedUnchanged() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        let db = try scratch.connect()
        try LegacyMigrator().versionControl(db)
        try LegacyMigrator().carry(db, from: 0, to: 10) { _ in }
        try db.executeScript("""
            INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram)
              VALUES (1, 'active', TRUE, '2012-01-01', FALSE, 0, 0);
            SET FOREIGN_KEY_CHECKS = 0;
            INSERT INTO image_members (image_id, member, can_share, created_at, deleted) VALUES
              (99, 'tenant', FALSE, '2012-01-01', FALSE);
            SET FOREIGN_KEY_CHECKS = 1
            """)
        let c = ["--connection", scratch.url]
        var r = try GlanceManageBinary.run(c + ["db", "sync"])
        #expect(r.status == 1, "\(r)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("ERROR:") }
        #expect(errors.count == 1, "\(r)")
        #expect(errors.first?.hasPrefix("ERROR: legacy script 012_id_to_uuid failed: ") == true, "\(r)")
        #expect(errors.first?.hasSuffix("; DDL is not transactional on mysql, so the scripts before it stay applied "
            + "and migrate_version records legacy version 11; 012_id_to_uuid may be partly applied (a rerun checks "
            + "the schema is legacy 11 before it resumes)") == true, "\(r)")
        #expect(try LegacyVersionTable.version(in: db) == 11)
        #expect(try !db.tableExists("alembic_version"))

        let before = try DatabaseSnapshot(scratch)
        r = try GlanceManageBinary.run(c + ["db", "sync"])
        #expect(r.status == 1, "\(r)")
        let refusal = r.stderr.split(separator: "\n").filter { $0.hasPrefix("ERROR:") }
        #expect(refusal.count == 1, "\(r)")
        #expect(refusal.first?.hasPrefix("ERROR: migrate_version records legacy version 11, but the schema is that "
            + "version with the first ") == true, "\(r)")
        #expect(refusal.first?.hasSuffix(" operations of legacy script 012_id_to_uuid: an earlier run stopped "
            + "inside it, and this database cannot roll schema changes back; restore a backup from before the "
            + "upgrade (or finish 012_id_to_uuid by hand); nothing was changed") == true, "\(r)")
        #expect(try DatabaseSnapshot(scratch) == before)
    }
}
