import DatabaseCore
import Foundation
import GlanceRevisions
import MigrationEngine
import Testing
import TestSupport

/// On MySQL, `ocata_expand01` makes `images.is_public` nullable (a copy of every image row in InnoDB) and
/// `ocata_contract01` drops the column. A `db sync` of a database holding images applies the two as one
/// step without the copy (Migrator+Fusion.swift), fills `visibility` in one pass, and still ends at the
/// catalog Glance's own upgrade leaves; steps that stop before the contract keep Glance's nullable column.
@Suite struct FusedStepTests {
    static let relaxIsPublic = "MODIFY `is_public`"
    static let fusedRebuild = "ALTER TABLE `images` DROP INDEX `ix_images_is_public`, DROP COLUMN `is_public`"

    /// The rows 045's rule gives `LegacyOnMySQLTests.glancesLegacy44WithImages()`.
    static let visibilities = ["gone=private", "priv=private", "pub=public", "pubm=public", "shr=shared"]

    @Test func aLegacy44SyncWithImagesSkipsTheCopyAndFillsVisibilityInOnePass() throws {
        let scratch = try LegacyOnMySQLTests.glancesLegacy44WithImages()
        let log = StatementLog()
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url],
                                           environment: log.environment(crashAfter: Int.max))
        #expect(r.status == 0, "\(r)")
        let sent = try log.statements()
        #expect(!sent.contains { $0.contains(Self.relaxIsPublic) }, "\(sent)")
        #expect(sent.filter { $0.hasPrefix("UPDATE images ") }.count == 1, "\(sent)")
        #expect(sent.filter { $0.hasPrefix(Self.fusedRebuild) }.count == 1, "\(sent)")
        // visibility_image_idx comes with that copy of images, not from a scan of its own.
        #expect(!sent.contains { $0.hasPrefix("CREATE INDEX `visibility_image_idx`") }, "\(sent)")
        let addIndex = ", ADD INDEX `visibility_image_idx` (`visibility`)"
        #expect(sent.contains { $0.hasPrefix(Self.fusedRebuild) && $0.hasSuffix(addIndex) }, "\(sent)")
        // The expand step applied ocata_contract01 with ocata_expand01, and says so.
        #expect(r.stdoutLines.contains("Upgraded database to: 2024_1_expand01, current revision(s): "
                                       + "2024_1_expand01, ocata_contract01"), "\(r)")
        try Self.expectGlancesUpgradedCatalog(scratch)
    }

    /// Killed right after the fused step's rebuild (is_public gone, no version row yet): `db version` names
    /// the step, an upgrade that stops before the contract refuses to run it (it cannot make is_public
    /// nullable again) without writing, and `db sync` records both revisions and finishes.
    @Test func aFusedStepKilledAfterItsRebuildIsReportedAndFinishedBySync() throws {
        let scratch = try LegacyOnMySQLTests.glancesLegacy44WithImages()
        let k = try Self.position(of: Self.fusedRebuild)
        let log = StatementLog()
        let crash = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url],
                                               environment: log.environment(crashAfter: k))
        #expect(crash.status == CrashSafetyTests.crashed, "\(crash)")
        let c = ["--connection", scratch.url]
        let version = try GlanceManageBinary.run(["db", "version"] + c)
        #expect(version.stdout == "mitaka02\n", "\(version)")
        #expect(version.stderr.hasPrefix("NOTE: revisions ocata_expand01 and ocata_contract01, applied as one step, "
                                         + "are partly applied (5 of 5 operations done"), "\(version)")
        let check = try GlanceManageBinary.run(["db", "check", "--format", "json"] + c)
        let object = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let partial = try #require(object?["partly_applied"] as? [String: Any], "\(check)")
        #expect(partial["revision"] as? String == "ocata_expand01")
        #expect(partial["fused_with"] as? [String] == ["ocata_contract01"])
        #expect(partial["operations_done"] as? Int == 5 && partial["operations"] as? Int == 5)
        let before = try DatabaseSnapshot(scratch)
        let expand = try GlanceManageBinary.run(["db", "expand"] + c)
        #expect(expand.status == 1, "\(expand)")
        #expect(expand.stderr.contains("revision ocata_expand01 was partly applied together with ocata_contract01 "
                                       + "by an earlier run, which this upgrade does not reach; run \"db sync\" "
                                       + "to finish it; nothing was changed"), "\(expand)")
        #expect(try DatabaseSnapshot(scratch) == before)
        let again = try GlanceManageBinary.run(["db", "sync"] + c)
        #expect(again.status == 0, "\(again)")
        #expect(again.stderr.contains("Resuming upgrade to ocata_expand01 (applied as one step with "
                                      + "ocata_contract01) after operation 5 of 5"), "\(again)")
        try Self.expectGlancesUpgradedCatalog(scratch)
    }

    /// Killed after the data pass, before the rebuild: the state is also one of plain `ocata_expand01`'s
    /// (2 of 4 done: `visibility` added, its index not yet built; reported so); the resumed `db sync` still
    /// leaves the copy out.
    @Test func aSyncKilledBeforeTheRebuildResumesWithoutTheCopy() throws {
        let scratch = try LegacyOnMySQLTests.glancesLegacy44WithImages()
        let k = try Self.position(of: Self.fusedRebuild) - 1
        let first = StatementLog()
        let crash = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url],
                                               environment: first.environment(crashAfter: k))
        #expect(crash.status == CrashSafetyTests.crashed, "\(crash)")
        #expect(try first.statements().last?.hasPrefix("DROP TRIGGER IF EXISTS") == true)
        let version = try GlanceManageBinary.run(["db", "version", "--connection", scratch.url])
        #expect(version.stderr.hasPrefix("NOTE: revision ocata_expand01 is partly applied (2 of 4 operations done"),
                "\(version)")
        let second = StatementLog()
        let again = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url],
                                               environment: second.environment(crashAfter: Int.max))
        #expect(again.status == 0, "\(again)")
        let sent = try second.statements()
        #expect(!sent.contains { $0.contains(Self.relaxIsPublic) }, "\(sent)")
        try Self.expectGlancesUpgradedCatalog(scratch)
    }

    /// `db expand` (online) and an upgrade to `ocata_expand01` never reach the contract: `is_public` stays
    /// nullable, as in Glance's catalog after `db expand`.
    @Test(arguments: [["db", "expand"], ["db", "upgrade", "--version", "ocata_expand01"]])
    func stepsBeforeTheContractKeepGlancesNullableIsPublic(_ command: [String]) throws {
        let scratch = try LegacyOnMySQLTests.glancesLegacy44WithImages()
        let r = try GlanceManageBinary.run(command + ["--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        let glance = try MariaDBCatalog.referenceLines("modern-mariadb-after-expand.struct.txt")
            .filter { $0.hasPrefix("column images.is_public ") }
        let ours = try MariaDBCatalog.structLines(of: try scratch.connect())
            .filter { $0.hasPrefix("column images.is_public ") }
        #expect(glance.count == 1 && ours == glance, "\(ours) vs \(glance)")
    }

    /// The 1-based position of the first statement with `prefix` in an uninterrupted sync of the fixture.
    static func position(of prefix: String) throws -> Int {
        let scratch = try LegacyOnMySQLTests.glancesLegacy44WithImages()
        let log = StatementLog()
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url],
                                           environment: log.environment(crashAfter: Int.max))
        #expect(r.status == 0, "\(r)")
        return try #require(try log.statements().firstIndex { $0.hasPrefix(prefix) }) + 1
    }

    /// At head, with Glance's catalog of its own legacy-44 upgrade (less the migrate_version it keeps) and
    /// 045's visibility.
    static func expectGlancesUpgradedCatalog(_ scratch: ScratchDatabase) throws {
        let db = try scratch.connect()
        #expect(try Migrator(map: GlanceRevisions.map).currentHeads(in: db) == ["2024_1_contract01"])
        let glance = try MariaDBCatalog.referenceLines("legacy44-mariadb-after-stamp-then-modern.struct.txt")
            .filter { !$0.contains("migrate_version") }
        let ours = try MariaDBCatalog.structLines(of: db)
        let onlyOurs = ours.filter { !glance.contains($0) }, onlyGlance = glance.filter { !ours.contains($0) }
        #expect(ours == glance, "only ours \(onlyOurs), only Glance's \(onlyGlance)")
        let rows = try db.query("SELECT id, visibility FROM images ORDER BY id")
        #expect(rows.map { "\($0["id"])=\($0["visibility"])" } == visibilities)
    }
}
