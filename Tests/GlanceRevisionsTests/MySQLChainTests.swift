import DatabaseCore
import GlanceRevisions
import MigrationEngine
import Testing
import TestSupport

/// The Alembic chain on a real MariaDB server (`scripts/mariadb-test-server`), held to Glance's own catalogs
/// line for line: `MariaDBCatalog` reads `information_schema` as Glance's reference files were made, so names
/// (InnoDB's `*_ibfk_*`, MariaDB's `CONSTRAINT_<n>`), collations and table options are compared too.
@Suite struct MySQLChainTests {
    let migrator = Migrator(map: GlanceRevisions.map)

    func expectCatalog(_ db: any Database, is file: String) throws {
        let live = try MariaDBCatalog.structLines(of: db)
        let reference = try MariaDBCatalog.referenceLines(file)
        #expect(Set(reference).subtracting(live).sorted() == [], "missing (\(file))")
        #expect(Set(live).subtracting(reference).sorted() == [], "unexpected (\(file))")
    }

    /// `db sync`: upgrade to heads without triggers.
    @Test func syncGivesGlancesHeadCatalog() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        let db = try scratch.connect()
        try migrator.upgrade(db, to: "heads")
        #expect(try migrator.currentHeads(in: db) == ["2024_1_contract01"])
        try expectCatalog(db, is: "modern-mariadb-head.struct.txt")
    }

    /// `db expand` installs Glance's triggers with Glance's text; `db contract` removes them again and ends
    /// at the same catalog as `db sync`.
    @Test func expandThenContractGivesGlancesCatalogs() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        let db = try scratch.connect()
        try migrator.upgrade(db, to: "expand@head", options: .online)
        #expect(try migrator.currentHeads(in: db) == ["2024_1_expand01"])
        try expectCatalog(db, is: "modern-mariadb-after-expand.struct.txt")
        for name in GlanceRevisions.visibilityTriggerNames {
            let ours = try MariaDBCatalog.triggerStatement(name, in: db)
            let glances = try MariaDBCatalog.referenceTriggerStatement(name)
            #expect(ours != nil && ours == glances, "\(name)")
        }
        try migrator.upgrade(db, to: "contract@head", options: .online)
        #expect(try migrator.currentHeads(in: db) == ["2024_1_contract01"])
        try expectCatalog(db, is: "modern-mariadb-emc-head.struct.txt")
    }

    /// The offline simulation predicts the live catalog after every single revision, online or not.
    @Test(arguments: [false, true])
    func simulationMatchesTheCatalogAfterEveryRevision(_ online: Bool) throws {
        let scratch = try TestBackend.mysql.makeScratch()
        let db = try scratch.connect()
        let options: UpgradeOptions = online ? .online : []
        let simulator = SchemaSimulator(dialect: .mysql)
        var simulated = Schema()
        for revision in GlanceRevisions.map.upgradePlan(from: [], to: GlanceRevisions.map.heads) {
            let applied = try migrator.upgrade(db, to: revision.id, options: options)
            #expect(applied.map(\.id) == [revision.id])
            simulated = simulator.schema(applying: [revision], to: simulated, options: options)
            let live = MySQLSimulatedSchemaTests.facts(ofStructLines: try MariaDBCatalog.structLines(of: db))
            let predicted = MySQLSimulatedSchemaTests.facts(of: simulated)
            #expect(live.subtracting(predicted).sorted() == [], "after \(revision.id): not predicted")
            #expect(predicted.subtracting(live).sorted() == [], "after \(revision.id): predicted, not there")
        }
    }

    /// The probe of Glance's MariaDB transcript (`modern-mariadb.txt`, scenario B): the same writes after
    /// `db expand`, the same rows and the same refusals.
    @Test func triggersBehaveAsInGlancesTranscript() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        let db = try scratch.connect()
        try migrator.upgrade(db, to: "expand@head", options: .online)
        let columns = "id,status,created_at,deleted,min_disk,min_ram,protected,os_hidden"
        func insert(_ id: String, _ extra: String = "", _ values: String = "") throws {
            try db.execute("INSERT INTO images (\(columns)\(extra)) VALUES ('\(id)','active',NOW(),0,0,0,0,0\(values))")
        }
        func refused(_ sql: () throws -> Void) {
            do {
                try sql()
                Issue.record("accepted")
            } catch let error as DatabaseError {
                #expect(error.message.contains("Invalid visibility value"), "\(error.message)")
            } catch {
                Issue.record("\(error)")
            }
        }
        refused { try insert("p5-neither") }
        refused { try insert("p6-both", ",is_public,visibility", ",1,'public'") }
        try insert("p1-is_public=1", ",is_public", ",1")
        try insert("p2-is_public=0", ",is_public", ",0")
        try insert("p3-vis=public", ",visibility", ",'public'")
        try insert("p4-vis=private", ",visibility", ",'private'")
        func rows() throws -> [String] {
            try db.query("SELECT id, is_public, visibility FROM images ORDER BY id").map {
                "\($0["id"]) \($0["is_public"].intValue.map(String.init) ?? "NULL") \($0["visibility"])"
            }
        }
        #expect(try rows() == ["p1-is_public=1 1 public", "p2-is_public=0 0 shared", "p3-vis=public 1 public",
                               "p4-vis=private 0 private"])
        refused { _ = try db.execute("UPDATE images SET is_public=0, visibility='private' WHERE id='p1-is_public=1'") }
        refused { _ = try db.execute("UPDATE images SET visibility=NULL WHERE id='p4-vis=private'") }
        _ = try db.execute("UPDATE images SET is_public=1 WHERE id='p2-is_public=0'")
        _ = try db.execute("UPDATE images SET visibility='community' WHERE id='p3-vis=public'")
        #expect(try rows() == ["p1-is_public=1 1 public", "p2-is_public=0 1 public", "p3-vis=public 0 community",
                               "p4-vis=private 0 private"])
    }
}
