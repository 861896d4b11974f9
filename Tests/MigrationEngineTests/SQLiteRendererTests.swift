import DatabaseCore
import MigrationEngine
import Testing
import TestSupport

/// Identifiers in SQLite DDL: plain names bare as SQLAlchemy writes them, everything else quoted, through
/// CREATE, ADD COLUMN, a table rebuild and an in-place relaxation. Expected texts are written out by hand
/// from SQLAlchemy's rule, not produced by the renderer.
@Suite struct SQLiteRendererTests {
    @Test(arguments: [
        ("images", "images"), ("os_hash_value", "os_hash_value"), ("_alembic_tmp_images", "_alembic_tmp_images"),
        ("a$b", "a$b"), ("order", "\"order\""), ("key", "\"key\""), ("Images", "\"Images\""),
        ("1st", "\"1st\""), ("$x", "\"$x\""), ("with space", "\"with space\""), ("quo\"te", "\"quo\"\"te\""),
        ("ünï", "\"ünï\""), ("", "\"\""), ("a;DROP TABLE x", "\"a;DROP TABLE x\""),
    ])
    func identifiersAreQuotedOnlyWhereSQLAlchemyQuotesThem(_ name: String, _ expected: String) {
        #expect(SQLiteRenderer().identifier(name) == expected)
    }

    static let oddRevisions: [Revision] = [
        Revision(id: "o1", upgrade: .allDialects([
            .createTable(Table("order", columns: [
                Column("id", .integer, nullable: false),
                Column("Key", .varchar(10), nullable: false),
                Column("with space", .boolean, nullable: false, default: "false"),
                Column("drop_me", .text),
            ], primaryKey: ["id"], uniqueConstraints: [UniqueConstraint("uq order", ["Key"])])),
            .createIndex(Index("select", on: "order", ["with space"])),
            .addColumn(table: "order", Column("quo\"te", .varchar(5))),
        ])),
        Revision(id: "o2", downRevisions: ["o1"], upgrade: .allDialects([
            .alterTable("order", [.dropColumn("drop_me")]),
        ])),
        Revision(id: "o3", downRevisions: ["o2"], upgrade: .allDialects([
            .alterTable("order", [.alterColumn("Key", nullable: true, defaultValue: .keep, type: .varchar(10))]),
        ])),
    ]

    @Test func oddNamesAreQuotedThroughCreateRebuildAndRelaxation() throws {
        let scratch = try TestBackend.sqlite.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: try RevisionMap(Self.oddRevisions))
        try migrator.upgrade(db, to: "o1")
        // SQLite appends an added column's text after the last column definition.
        #expect(try tableSQL(db) == """
            CREATE TABLE "order" (
            \tid INTEGER NOT NULL, 
            \t"Key" VARCHAR(10) NOT NULL, 
            \t"with space" BOOLEAN DEFAULT 0 NOT NULL, 
            \tdrop_me TEXT, "quo""te" VARCHAR(5), 
            \tPRIMARY KEY (id), 
            \tCONSTRAINT "uq order" UNIQUE ("Key"), 
            \tCHECK ("with space" IN (0, 1))
            )
            """)
        try db.execute("INSERT INTO \"order\" (id, \"Key\", \"quo\"\"te\") VALUES (1, 'k', 'q')")

        try migrator.upgrade(db, to: "o2")
        // The rebuilt table: RENAME TO writes the name quoted, the unnamed CHECK is gone (as in batch mode).
        let rebuilt = """
            CREATE TABLE "order" (
            \tid INTEGER NOT NULL, 
            \t"Key" VARCHAR(10) NOT NULL, 
            \t"with space" BOOLEAN DEFAULT 0 NOT NULL, 
            \t"quo""te" VARCHAR(5), 
            \tPRIMARY KEY (id), 
            \tCONSTRAINT "uq order" UNIQUE ("Key")
            )
            """
        #expect(try tableSQL(db) == rebuilt)
        #expect(try db.query("SELECT sql FROM sqlite_master WHERE name = 'select'").first?["sql"].stringValue
                == "CREATE INDEX \"select\" ON \"order\" (\"with space\")")
        let rows = try db.query("SELECT \"Key\", \"quo\"\"te\" AS q FROM \"order\"")
        #expect(rows.map { "\($0["Key"])/\($0["q"])" } == ["k/q"])

        try migrator.upgrade(db, to: "o3")
        #expect(try tableSQL(db) == rebuilt.replacing("\"Key\" VARCHAR(10) NOT NULL", with: "\"Key\" VARCHAR(10)"))
        try db.execute("INSERT INTO \"order\" (id) VALUES (2)")
    }

    private func tableSQL(_ db: any Database) throws -> String? {
        try db.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'order'").first?["sql"].stringValue
    }
}
