import DatabaseCore
import MigrationEngine
import Testing
import TestSupport

/// A SQLite rebuild copies the rows in rowid ranges on a live run and reports rows copied of the rows
/// counted to the observer, while offline SQL still sees the one INSERT … SELECT. Every row must arrive,
/// whatever the rowids and whatever the table calls its columns.
@Suite struct RowCopyTests {
    /// `items` with a text primary key (so the rowid is a column of its own, as for Glance's `images`), then
    /// a rebuild that drops `note`.
    static func revisions(extraColumns: [Column] = []) -> [Revision] {
        [
            Revision(id: "c1", upgrade: .allDialects([
                .createTable(Table("items", columns: [
                    Column("id", .varchar(36), nullable: false),
                    Column("name", .varchar(40)),
                    Column("note", .text),
                ] + extraColumns, primaryKey: ["id"])),
            ])),
            Revision(id: "c2", downRevisions: ["c1"], upgrade: .allDialects([
                .alterTable("items", [.dropColumn("note")]),
            ])),
        ]
    }

    /// Records what the runner tells the observer.
    final class Recorder {
        var reports: [(table: String, copied: Int, rows: Int)] = []
        var statements: [String] = []

        func observer(chunk: Int) -> MigrationObserver {
            MigrationObserver(statementExecuted: { self.statements.append($0) },
                              rowsCopied: { self.reports.append(($0, $1, $2)) }, rowsPerProgressReport: chunk)
        }
    }

    func database(_ revisions: [Revision], rows: Int, function: String = #function) throws
        -> (ScratchDatabase, any Database, Migrator) {
        let scratch = try TestBackend.sqlite.makeScratch(function: function)
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(revisions))
        try migrator.upgrade(db, to: "c1")
        guard rows > 0 else { return (scratch, db, migrator) }
        try db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                       + "INSERT INTO items (id, name, note) SELECT 'item-' || i, 'name ' || i, 'x' FROM n",
                       [.integer(Int64(rows))])
        return (scratch, db, migrator)
    }

    func contents(_ db: any Database) throws -> [String] {
        try db.query("SELECT id, name FROM items ORDER BY rowid").map { "\($0["id"]) \($0["name"])" }
    }

    @Test func aLongRebuildReportsRowsCopiedOfTheRowCount() throws {
        let (scratch, db, migrator) = try database(Self.revisions(), rows: 2500)
        defer { withExtendedLifetime(scratch) {} }
        let before = try contents(db)
        let recorder = Recorder()
        try migrator.upgrade(db, to: "c2", observer: recorder.observer(chunk: 1000))
        #expect(try contents(db) == before)
        #expect(try db.introspectTable("items")?.column("note") == nil)
        // Before the first range, then after each of the three (2500 rows, about 1000 a range).
        #expect(recorder.reports.map(\.copied).first == 0)
        #expect(recorder.reports.map(\.copied).last == 2500)
        #expect(recorder.reports.count == 4, "\(recorder.reports)")
        #expect(recorder.reports.allSatisfy { $0.table == "items" && $0.rows == 2500 })
        #expect(zip(recorder.reports, recorder.reports.dropFirst()).allSatisfy { $0.copied < $1.copied })
        // What the observer sees (and offline SQL prints) is still the one statement.
        #expect(recorder.statements.contains(
            #"INSERT INTO _alembic_tmp_items (id, name) SELECT id, name FROM items"#), "\(recorder.statements)")
        #expect(!recorder.statements.contains { $0.contains("BETWEEN") })
    }

    @Test func aTableOfAtMostOneRangeIsCopiedWithoutReports() throws {
        let (scratch, db, migrator) = try database(Self.revisions(), rows: 1000)
        defer { withExtendedLifetime(scratch) {} }
        let recorder = Recorder()
        try migrator.upgrade(db, to: "c2", observer: recorder.observer(chunk: 1000))
        #expect(recorder.reports.isEmpty)
        #expect(try db.query("SELECT COUNT(*) AS n FROM items").first?["n"].intValue == 1000)
    }

    /// Rowids at both ends of the 64-bit range (the span overflows Int64) and a gap between.
    @Test func rowidsAcrossTheWholeIntegerRangeAreAllCopied() throws {
        let (scratch, db, migrator) = try database(Self.revisions(), rows: 0)
        defer { withExtendedLifetime(scratch) {} }
        for rowid in [Int64.min, -5, 0, 7, 1 << 40, Int64.max] {
            try db.execute("INSERT INTO items (rowid, id, name) VALUES (?, ?, 'n')", [.integer(rowid), .text("at \(rowid)")])
        }
        let before = try contents(db)
        let recorder = Recorder()
        try migrator.upgrade(db, to: "c2", observer: recorder.observer(chunk: 2))
        #expect(try contents(db) == before)
        #expect(recorder.reports.last.map { [$0.copied, $0.rows] } == [6, 6], "\(recorder.reports)")
    }

    /// A WITHOUT ROWID table has no rowid to split on: it is copied by the one statement, reporting nothing.
    @Test func aWithoutRowidTableIsCopiedWhole() throws {
        let (scratch, db, migrator) = try database(Self.revisions(), rows: 0)
        defer { withExtendedLifetime(scratch) {} }
        try db.executeScript("""
            DROP TABLE items;
            CREATE TABLE items (id VARCHAR(36) NOT NULL, name VARCHAR(40), note TEXT, PRIMARY KEY (id)) WITHOUT ROWID;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
            INSERT INTO items (id, name, note) SELECT 'item-' || i, 'name ' || i, 'x' FROM n;
            """)
        let recorder = Recorder()
        try migrator.upgrade(db, to: "c2", observer: recorder.observer(chunk: 10))
        #expect(recorder.reports.isEmpty)
        #expect(try db.query("SELECT COUNT(*) AS n FROM items").first?["n"].intValue == 300)
    }

    /// A column named `rowid` hides SQLite's rowid under that name; the copy splits on `_rowid_` instead
    /// (splitting on the column would lose its NULL rows).
    @Test func aColumnNamedRowidDoesNotHideTheKey() throws {
        let revisions = Self.revisions(extraColumns: [Column("rowid", .integer)])
        let (scratch, db, migrator) = try database(revisions, rows: 500)
        defer { withExtendedLifetime(scratch) {} }
        try db.execute("UPDATE items SET rowid = CASE WHEN _rowid_ % 3 = 0 THEN NULL ELSE -_rowid_ END")
        let recorder = Recorder()
        try migrator.upgrade(db, to: "c2", observer: recorder.observer(chunk: 100))
        #expect(try db.query("SELECT COUNT(*) AS n FROM items").first?["n"].intValue == 500)
        #expect(try db.query("SELECT COUNT(*) AS n FROM items WHERE rowid IS NULL").first?["n"].intValue == 166)
        #expect(recorder.reports.last.map { [$0.copied, $0.rows] } == [500, 500], "\(recorder.reports)")
    }

    @Test func theRenderedRebuildCopiesInOneStatementOrInRowidRanges() throws {
        let shape = TableSchema(name: "items", columns: [
            ColumnSchema(name: "id", type: "VARCHAR(36)", isNullable: false, defaultValue: nil),
            ColumnSchema(name: "note", type: "TEXT", isNullable: true, defaultValue: nil),
        ], primaryKey: ["id"])
        let steps = try SQLiteRenderer().steps(for: .alterTable("items", [.dropColumn("note")])) { _ in shape }
        let copies = steps.compactMap { step -> RowCopy? in
            if case .rowCopy(let copy) = step { return copy }
            return nil
        }
        let copy = try #require(copies.first)
        #expect(copies.count == 1)
        #expect(copy.statement == "INSERT INTO _alembic_tmp_items (id) SELECT id FROM items")
        #expect(copy.ranges?.rangeStatement
                == "INSERT INTO _alembic_tmp_items (id) SELECT id FROM items WHERE rowid BETWEEN ? AND ?")
        #expect(try SQLiteRenderer().statements(for: .alterTable("items", [.dropColumn("note")])) { _ in shape }
                == steps.map(\.sql))
    }

    /// A copy whose ranges miss rows (here a range statement that skips odd rowids) is refused, not committed.
    @Test func aCopyInRangesThatLosesRowsIsRefused() throws {
        let (scratch, db, _) = try database(Self.revisions(), rows: 100)
        defer { withExtendedLifetime(scratch) {} }
        try db.executeScript("CREATE TABLE copied (id VARCHAR(36), name VARCHAR(40))")
        let statement = "INSERT INTO copied (id, name) SELECT id, name FROM items"
        let copy = RowCopy(table: "items", statement: statement, ranges: RowCopy.KeyRanges(
            keyedQuery: nil,
            boundsQuery: "SELECT COUNT(*) AS n, MIN(rowid) AS low, MAX(rowid) AS high FROM items",
            rangeStatement: statement + " WHERE rowid BETWEEN ? AND ? AND rowid % 2 = 0"))
        let error = #expect(throws: MigrationError.self) { try copy.run(on: db, chunk: 10) { _, _ in } }
        #expect(error == .rowCopyIncomplete(table: "items", copied: 50, rows: 100))
        #expect(error?.description == "rebuilding items copied 50 of its 100 rows; rolled back")
    }
}
