import DatabaseCore
import MigrationEngine
import Testing
import TestSupport

/// A revision's `onlineUpgrade` operations run only with `UpgradeOptions.online`; triggers are followed by
/// the simulator exactly as introspection reads them back, including SQLite's rebuild dropping them.
@Suite struct OnlineUpgradeTests {
    static func touchTrigger(_ dialect: Dialect) -> Trigger {
        switch dialect {
        case .sqlite:
            return Trigger("widgets_touch", on: "widgets", statements: [
                "CREATE TRIGGER widgets_touch AFTER INSERT ON widgets FOR EACH ROW BEGIN UPDATE widgets SET name = 'touched' WHERE id = NEW.id; END",
            ])
        case .postgresql:
            return Trigger("widgets_touch", on: "widgets", statements: [
                "CREATE FUNCTION widgets_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := 'touched'; RETURN NEW; END $$",
                "CREATE TRIGGER widgets_touch BEFORE INSERT ON widgets FOR EACH ROW EXECUTE FUNCTION widgets_touch()",
            ])
        case .mysql:
            return Trigger("widgets_touch", on: "widgets", statements: [
                "CREATE TRIGGER widgets_touch BEFORE INSERT ON widgets FOR EACH ROW SET NEW.name = 'touched'",
            ])
        }
    }

    static let revisions: [Revision] = [
        widgetRevisions[0], widgetRevisions[1],
        Revision(id: "t1", downRevisions: ["r2"],
                 upgrade: .allDialects([.addColumn(table: "widgets", Column("size", .integer))]),
                 onlineUpgrade: .perDialect(sqlite: [.createTrigger(touchTrigger(.sqlite))],
                                            postgresql: [.createTrigger(touchTrigger(.postgresql))],
                                            mysql: [.createTrigger(touchTrigger(.mysql))])),
        Revision(id: "t2", downRevisions: ["t1"], upgrade: .perDialect(
            sqlite: [.dropTrigger(name: "widgets_touch", table: "widgets")],
            postgresql: [.dropTrigger(name: "widgets_touch", table: "widgets"), .sql("DROP FUNCTION IF EXISTS widgets_touch()")],
            mysql: [.dropTrigger(name: "widgets_touch", table: "widgets")])),
    ]

    @Test(arguments: TestBackend.all)
    func onlineOperationsRunOnlyInOnlineMode(_ backend: TestBackend) throws {
        let map = try RevisionMap(Self.revisions)
        let migrator = Migrator(map: map)
        let simulator = SchemaSimulator(dialect: backend.dialect)
        for options in [UpgradeOptions(), .online] {
            let scratch = try backend.makeScratch()
            let db = try scratch.connect()
            try migrator.upgrade(db, to: "t1", options: options)
            let live = try db.introspect().excluding(tables: ["alembic_version"])
            #expect(live.triggers.map(\.name) == (options.contains(.online) ? ["widgets_touch"] : []))
            #expect(SchemaDiff(simulator.schema(at: ["t1"], in: map, options: options), live).isEmpty)
            try db.execute("INSERT INTO widgets (id, name, active) VALUES (1, 'bolt', TRUE)")
            #expect(try db.query("SELECT name FROM widgets")[0]["name"] == (options.contains(.online) ? "touched" : "bolt"))
            // The drop is idempotent: it runs whether or not the trigger was created.
            try migrator.upgrade(db, to: "t2", options: options)
            #expect(try db.introspect().triggers.isEmpty)
            #expect(simulator.schema(at: ["t2"], in: map, options: options).triggers.isEmpty)
        }
    }

    @Test func offlineSQLIncludesOnlineOperationsOnlyWhenAsked() throws {
        let migrator = Migrator(map: try RevisionMap(Self.revisions))
        let plain = try migrator.offlineSQL(from: ["r2"], to: "t1", dialect: .postgresql)
        let online = try migrator.offlineSQL(from: ["r2"], to: "t1", dialect: .postgresql, options: .online)
        #expect(!plain.contains { $0.contains("CREATE TRIGGER") })
        #expect(online.contains("CREATE TRIGGER widgets_touch BEFORE INSERT ON widgets FOR EACH ROW EXECUTE FUNCTION widgets_touch()"))
        let drop = try migrator.offlineSQL(from: ["t1"], to: "t2", dialect: .postgresql)
        #expect(drop.contains("DROP TRIGGER IF EXISTS \"widgets_touch\" ON \"widgets\""))
    }

    /// SQLite's table rebuild drops the old table and with it its triggers; the simulator says the same.
    @Test func sqliteRebuildDropsTheTablesTriggers() throws {
        let scratch = try TestBackend.sqlite.makeScratch()
        let db = try scratch.connect()
        let map = try RevisionMap(Self.revisions + [
            Revision(id: "t3", downRevisions: ["t1"], upgrade: .allDialects([
                .alterTable("widgets", [.alterColumn("size", nullable: false, defaultValue: .set("0"), type: .integer)]),
            ])),
        ])
        try Migrator(map: map).upgrade(db, to: "t3", options: .online)
        #expect(try db.introspect().triggers.isEmpty)
        #expect(SchemaSimulator(dialect: .sqlite).schema(at: ["t3"], in: map, options: .online).triggers.isEmpty)
    }
}
