import DatabaseCore
import MigrationEngine
import Testing
import TestSupport

let widgetRevisions: [Revision] = [
    Revision(id: "r1", message: "create widgets", upgrade: .allDialects([
        .createTable(Table("widgets", columns: [
            Column("id", .integer, nullable: false),
            Column("name", .varchar(40), nullable: false),
            Column("active", .boolean, nullable: false, default: "true"),
        ], primaryKey: ["id"])),
        .createIndex(Index("ix_widgets_name", on: "widgets", ["name"])),
    ])),
    Revision(id: "r2", downRevisions: ["r1"], upgrade: .allDialects([
        .addColumn(table: "widgets", Column("colour", .varchar(20))),
    ])),
    Revision(id: "r3", downRevisions: ["r2"], upgrade: .allDialects([
        .alterTable("widgets", [
            .dropIndex("ix_widgets_name"),
            .alterColumn("colour", nullable: false, defaultValue: .set("'red'"), type: .varchar(20)),
        ]),
    ])),
]

@Suite struct MigratorTests {
    @Test(arguments: TestBackend.all)
    func upgradeAppliesEachRevisionAndRecordsTheHead(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(widgetRevisions))
        var started: [String] = []
        let applied = try migrator.upgrade(db, to: "heads", observer: MigrationObserver(revisionStarted: { started.append($0.id) }))
        #expect(applied.map(\.id) == ["r1", "r2", "r3"])
        #expect(started == ["r1", "r2", "r3"])
        #expect(try migrator.currentHeads(in: db) == ["r3"])
        let widgets = try #require(try db.introspectTable("widgets"))
        let colour = try #require(widgets.column("colour"))
        #expect(colour.type == "VARCHAR(20)" && !colour.isNullable && colour.defaultValue == "'red'", "\(colour)")
        #expect(!widgets.hasIndex(named: "ix_widgets_name"))
        #expect(try migrator.upgrade(db, to: "heads").isEmpty)
    }

    @Test(arguments: TestBackend.all)
    func rebuildKeepsRows(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(widgetRevisions))
        try migrator.upgrade(db, to: "r2")
        try db.execute("INSERT INTO widgets (id, name, active, colour) VALUES (?, ?, TRUE, ?)", [1, "bolt", "blue"])
        try migrator.upgrade(db, to: "r3")
        let rows = try db.query("SELECT name, colour FROM widgets")
        #expect(rows.map { [$0["name"], $0["colour"]] } == [["bolt", "blue"]])
    }

    /// Not on MySQL (`TestBackend.transactionalDDL`): there the ADD COLUMN commits before the failure;
    /// `aFailedRevisionIsResumedByTheNextRun` pins what happens instead.
    @Test(arguments: TestBackend.transactionalDDL)
    func migrationFailureLeavesTheDatabaseAtThePreviousRevision(_ backend: TestBackend) throws {
        let failing = widgetRevisions + [
            Revision(id: "r4", downRevisions: ["r3"], upgrade: .allDialects([
                .addColumn(table: "widgets", Column("size", .integer)),
                .sql("INSERT INTO no_such_table VALUES (1)"),
            ])),
        ]
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(failing))
        #expect(throws: MigrationError.self) { try migrator.upgrade(db, to: "heads") }
        #expect(try migrator.currentHeads(in: db) == ["r3"])
        // r4's first statement was rolled back with it.
        #expect(try db.introspectTable("widgets")?.column("size") == nil)
    }

    /// Where DDL commits statement by statement (MySQL), a revision failing half-way keeps what it ran and
    /// its version row (written last) is missing. The next run recognises how far it got from the live
    /// schema and resumes after the last operation done: without that, r4's ADD COLUMN would fail as a
    /// duplicate, so the rerun could never finish.
    @Test(arguments: TestBackend.nonTransactionalDDL)
    func aFailedRevisionIsResumedByTheNextRun(_ backend: TestBackend) throws {
        let failingOnce = widgetRevisions + [
            Revision(id: "r4", downRevisions: ["r3"], upgrade: .allDialects([
                .addColumn(table: "widgets", Column("size", .integer)),
                .sql("INSERT INTO gadgets (id) VALUES (1)"),
                .createIndex(Index("ix_widgets_size", on: "widgets", ["size"])),
            ])),
        ]
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(failingOnce))
        #expect(throws: MigrationError.self) { try migrator.upgrade(db, to: "heads") }
        #expect(try migrator.currentHeads(in: db) == ["r3"])
        #expect(try db.introspectTable("widgets")?.column("size") != nil, "the ADD COLUMN committed")
        #expect(try migrator.partialRevision(in: db, heads: ["r3"])
                == PartialRevision(revision: "r4", operationsApplied: 1, operationCount: 3))
        // What failed is mended; the rerun skips the ADD COLUMN and runs the rest once.
        try db.executeScript("CREATE TABLE gadgets (id INTEGER PRIMARY KEY)")
        var resumed: [String] = []
        let observer = MigrationObserver(revisionResumed: { resumed.append("\($0.first.id) \($1)/\($2)") })
        #expect(try migrator.upgrade(db, to: "heads", observer: observer).map(\.id) == ["r4"])
        #expect(resumed == ["r4 1/3"])
        #expect(try migrator.currentHeads(in: db) == ["r4"])
        #expect(try db.introspectTable("widgets")?.hasIndex(named: "ix_widgets_size") == true)
        #expect(try db.query("SELECT COUNT(*) AS n FROM gadgets").first?["n"].intValue == 1)
        #expect(try migrator.partialRevision(in: db, heads: ["r4"]) == nil)
    }

    /// A revision whose every operation ran but whose version row is missing (killed between its last DDL
    /// and the commit of the row) is recognised as done: the rerun only writes the row.
    @Test(arguments: TestBackend.nonTransactionalDDL)
    func aRevisionKilledBeforeItsVersionRowOnlyGetsTheRow(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(widgetRevisions))
        try migrator.upgrade(db, to: "r1")
        try db.executeScript("ALTER TABLE widgets ADD COLUMN colour VARCHAR(20)") // r2's one operation, by hand
        #expect(try migrator.partialRevision(in: db, heads: ["r1"])
                == PartialRevision(revision: "r2", operationsApplied: 1, operationCount: 1))
        var statements: [String] = []
        try migrator.upgrade(db, to: "r2", observer: MigrationObserver(statementExecuted: { statements.append($0) }))
        #expect(statements == ["UPDATE `alembic_version` SET version_num = 'r2' WHERE version_num = 'r1'"])
        #expect(try migrator.currentHeads(in: db) == ["r2"])
    }

    /// What the next revision changes, changed otherwise (here `colour` added with another type), matches
    /// none of its states: the run refuses before writing anything rather than guess.
    @Test(arguments: TestBackend.nonTransactionalDDL)
    func aSchemaNoRunOfTheRevisionLeftIsRefused(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(widgetRevisions))
        try migrator.upgrade(db, to: "r1")
        try db.executeScript("ALTER TABLE widgets ADD COLUMN colour TEXT")
        let before = try db.introspect()
        #expect(throws: MigrationError.unrecognisedPartialRevision("r2")) { try migrator.upgrade(db, to: "heads") }
        #expect(try migrator.currentHeads(in: db) == ["r1"])
        #expect(try db.introspect() == before)
    }

    /// Where DDL is transactional nothing can be half-way, and nothing is introspected to find out.
    @Test(arguments: TestBackend.transactionalDDL)
    func noPartialRevisionWhereDDLIsTransactional(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(widgetRevisions))
        try migrator.upgrade(db, to: "r1")
        try db.executeScript("ALTER TABLE widgets ADD COLUMN colour TEXT")
        #expect(try migrator.partialRevision(in: db, heads: ["r1"]) == nil)
    }

    @Test(arguments: TestBackend.all)
    func stampWritesRowsWithoutDDL(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(sampleRevisions))
        try migrator.stamp(db, to: "trunk2")
        #expect(try migrator.currentHeads(in: db) == ["trunk2"])
        try migrator.stamp(db, to: "old01")
        #expect(try migrator.currentHeads(in: db) == ["c1"])
        #expect(try db.introspect().tableNames == ["alembic_version"])
    }

    @Test(arguments: TestBackend.all)
    func unknownOrDuplicateVersionRowsAreRefused(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(sampleRevisions))
        try migrator.stamp(db, to: "base1")
        try db.execute("UPDATE alembic_version SET version_num = 'zzz_future01'")
        #expect(throws: MigrationError.unknownRevisionInDatabase("zzz_future01")) { try migrator.currentHeads(in: db) }
        #expect(throws: MigrationError.self) { try migrator.upgrade(db, to: "heads") }
        try db.execute("UPDATE alembic_version SET version_num = 'e1'")
        try db.execute("INSERT INTO alembic_version (version_num) VALUES ('trunk2')")
        #expect(throws: MigrationError.self) { try migrator.currentHeads(in: db) }
    }

    @Test func offlineSQLRendersWithoutADatabase() throws {
        let migrator = Migrator(map: try RevisionMap(widgetRevisions))
        let sql = try migrator.offlineSQL(from: [], to: "r2", dialect: .postgresql)
        #expect(sql.first?.hasPrefix("CREATE TABLE \"alembic_version\"") == true)
        #expect(sql.contains("ALTER TABLE \"widgets\" ADD COLUMN \"colour\" VARCHAR(20)"))
        #expect(sql.last == "UPDATE \"alembic_version\" SET version_num = 'r2' WHERE version_num = 'r1'")
        // A SQLite rebuild needs the live table.
        #expect(throws: MigrationError.offlineNeedsDatabase("r3")) { try migrator.offlineSQL(from: ["r2"], to: "r3", dialect: .sqlite) }
    }
}

/// Making a column nullable is done in place on SQLite (no copy): rows, indexes and the rollback
/// guarantee must be the same as with a rebuild.
@Suite struct RelaxationTests {
    static func revisions(failing: Bool) -> [Revision] {
        [
            widgetRevisions[0],
            Revision(id: "relax", downRevisions: ["r1"], upgrade: .allDialects([
                .alterTable("widgets", [.alterColumn("active", nullable: true, defaultValue: .keep, type: .boolean)]),
            ] + (failing ? [.sql("INSERT INTO no_such_table VALUES (1)")] : []))),
        ]
    }

    @Test(arguments: TestBackend.all)
    func relaxingAColumnKeepsRowsAndIndexes(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(Self.revisions(failing: false)))
        try migrator.upgrade(db, to: "r1")
        try db.execute("INSERT INTO widgets (id, name, active) VALUES (1, 'bolt', TRUE)")
        try migrator.upgrade(db, to: "relax")
        let widgets = try #require(try db.introspectTable("widgets"))
        #expect(widgets.column("active")?.isNullable == true)
        // SQLite drops the Boolean CHECK with the NOT NULL (as Alembic's batch rebuild does); MySQL's MODIFY
        // keeps table CHECKs, as under Alembic there; PostgreSQL has none (native BOOLEAN).
        #expect(widgets.checks == (backend == .mysql ? ["`active` in (0,1)"] : []))
        #expect(widgets.hasIndex(named: "ix_widgets_name"))
        try db.execute("INSERT INTO widgets (id, name, active) VALUES (2, 'nut', NULL)")
        #expect(try db.query("SELECT name FROM widgets ORDER BY id").map { $0["name"].stringValue } == ["bolt", "nut"])
        // A second connection sees the new definition too.
        try scratch.connect().execute("INSERT INTO widgets (id, name, active) VALUES (3, 'washer', NULL)")
    }

    /// Not on MySQL (`TestBackend.transactionalDDL`): its MODIFY commits before the failing statement.
    @Test(arguments: TestBackend.transactionalDDL)
    func aFailedRelaxationLeavesTheConstraint(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(Self.revisions(failing: true)))
        try migrator.upgrade(db, to: "r1")
        #expect(throws: MigrationError.self) { try migrator.upgrade(db, to: "relax") }
        #expect(try migrator.currentHeads(in: db) == ["r1"])
        #expect(try db.introspectTable("widgets")?.column("active")?.isNullable == false)
        #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO widgets (id, name, active) VALUES (4, 'pin', NULL)") }
    }
}
