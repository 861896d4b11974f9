import DatabaseCore
import MigrationEngine
import Testing
import TestSupport

/// SQLite's documented rebuild procedure ends with `PRAGMA foreign_key_check` before COMMIT (step 10): a
/// rebuild must not commit rows whose references it broke. Our SQLite connections keep foreign keys off,
/// as SQLAlchemy does, so nothing else would notice. Orphans that were there before the rebuild are not its
/// doing and do not refuse it.
@Suite struct RebuildForeignKeyCheckTests {
    static let revisions: [Revision] = [
        Revision(id: "p1", upgrade: .allDialects([
            .createTable(Table("parents", columns: [Column("id", .integer, nullable: false)], primaryKey: ["id"])),
            .createTable(Table("children", columns: [Column("id", .integer, nullable: false),
                                                     Column("parent_id", .integer, nullable: false)],
                               primaryKey: ["id"])),
        ])),
        // The rebuild gives children a foreign key its rows may not satisfy.
        Revision(id: "p2", downRevisions: ["p1"], upgrade: .allDialects([
            .alterTable("children", [.addForeignKey(ForeignKey(["parent_id"], references: "parents", ["id"]))]),
        ])),
        // A rebuild that changes nothing about references.
        Revision(id: "p3", downRevisions: ["p2"], upgrade: .allDialects([
            .alterTable("children", [.alterColumn("parent_id", nullable: true, defaultValue: .keep, type: .integer)]),
        ])),
    ]

    @Test func aRebuildThatBreaksAReferenceIsRolledBack() throws {
        let scratch = try TestBackend.sqlite.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(Self.revisions))
        try migrator.upgrade(db, to: "p1")
        try db.execute("INSERT INTO parents (id) VALUES (1)")
        try db.execute("INSERT INTO children (id, parent_id) VALUES (10, 1), (11, 2)")
        let error = #expect(throws: MigrationError.self) { try migrator.upgrade(db, to: "p2") }
        guard case .rebuildBrokeReferences(let table, let broken) = error else {
            Issue.record("expected rebuildBrokeReferences, got \(String(describing: error))")
            return
        }
        #expect(table == "children")
        #expect(broken.count == 1)
        #expect(try migrator.currentHeads(in: db) == ["p1"])
        #expect(try db.introspectTable("children")?.foreignKeys.isEmpty == true)
    }

    @Test func orphansFromBeforeTheRebuildDoNotRefuseIt() throws {
        let scratch = try TestBackend.sqlite.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(Self.revisions))
        try migrator.upgrade(db, to: "p2")
        try db.execute("INSERT INTO parents (id) VALUES (1)")
        // An orphan, as a database that never enforced foreign keys can hold.
        try db.execute("INSERT INTO children (id, parent_id) VALUES (10, 1), (11, 2)")
        try migrator.upgrade(db, to: "p3")
        #expect(try migrator.currentHeads(in: db) == ["p3"])
        #expect(try db.query("SELECT id FROM children ORDER BY id").map { $0["id"].intValue } == [10, 11])
    }

    /// The check runs after the copy however it was made: here in ranges of one row.
    @Test func aRebuildCopiedInRangesStillChecksReferences() throws {
        let scratch = try TestBackend.sqlite.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(Self.revisions))
        try migrator.upgrade(db, to: "p1")
        try db.execute("INSERT INTO parents (id) VALUES (1)")
        try db.execute("INSERT INTO children (id, parent_id) VALUES (10, 1), (11, 2), (12, 1)")
        var copied: [Int] = []
        let observer = MigrationObserver(rowsCopied: { _, done, _ in copied.append(done) }, rowsPerProgressReport: 1)
        #expect(throws: MigrationError.self) { try migrator.upgrade(db, to: "p2", observer: observer) }
        #expect(copied == [0, 1, 2, 3])
        #expect(try migrator.currentHeads(in: db) == ["p1"])
        #expect(try db.introspectTable("children")?.foreignKeys.isEmpty == true)
    }
}
