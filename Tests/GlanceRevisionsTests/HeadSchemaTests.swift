import DatabaseCore
import GlanceRevisions
import MigrationEngine
import Testing
import TestSupport

@Suite struct HeadSchemaTests {
    /// `upgrade heads` on an empty database gives exactly the schema Glance's `db sync` gives.
    @Test(arguments: TestBackend.all)
    func upgradeToHeadsMatchesGlancesReferenceSchema(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: GlanceRevisions.map)
        try migrator.upgrade(db, to: "heads")
        #expect(try migrator.currentHeads(in: db) == ["2024_1_contract01"])
        let diff = SchemaDiff(try Fixtures.referenceHeadSchema(backend), try db.introspect())
        #expect(diff.isEmpty, "\(diff)")
    }

    /// On a MariaDB database created `CHARACTER SET utf8mb4` (Debian's server default), Glance's tables keep
    /// the `utf8` Glance declares and only `alembic_version`, which declares none, takes the database's
    /// default: the struct diff of `modern-mariadb.txt` scenario C, exactly.
    @Test func aUtf8mb4DatabaseChangesOnlyTheVersionTable() throws {
        let scratch = try TestBackend.mysql.makeScratch(characterSet: "utf8mb4")
        let db = try scratch.connect()
        try Migrator(map: GlanceRevisions.map).upgrade(db, to: "heads")
        let diff = SchemaDiff(try Fixtures.referenceHeadSchema(.mysql), try db.introspect())
        #expect(!diff.isEmpty)
        #expect((diff.onlyInFirst + diff.onlyInSecond).allSatisfy { $0.contains("alembic_version") }, "\(diff)")
        let version = try #require(try db.introspect().table("alembic_version"))
        #expect(version.options?.collation == "utf8mb4_general_ci", "\(version)")
        #expect(version.column("version_num")?.collation == "utf8mb4_general_ci", "\(version)")
    }

    /// Expand, then contract (what `db expand` + `db contract` run) reaches the same schema.
    @Test(arguments: TestBackend.all)
    func expandThenContractMatchesTheReference(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: GlanceRevisions.map)
        try migrator.upgrade(db, to: "expand@head")
        #expect(try migrator.currentHeads(in: db) == ["2024_1_expand01"])
        try migrator.upgrade(db, to: "contract@head")
        #expect(try migrator.currentHeads(in: db) == ["2024_1_contract01"])
        let diff = SchemaDiff(try Fixtures.referenceHeadSchema(backend), try db.introspect())
        #expect(diff.isEmpty, "\(diff)")
    }
}
