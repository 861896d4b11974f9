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
