import DatabaseCore
import Foundation
import PostgresDriver
import Testing
import TestSupport

/// Runs against the private server from `scripts/pg-test-server`; without it every test fails loudly.
@Suite struct PostgresDatabaseTests {
    /// Runs `body` on a fresh database, kept alive until `body` returns (the scratch value drops the database
    /// when it goes away, and ARC may otherwise release it right after `connect()`).
    private func withScratch<T>(_ body: (PostgresDatabase) throws -> T) throws -> T {
        let scratch = try TestBackend.postgresql.makeScratch()
        return try withExtendedLifetime(scratch) {
            let db = try #require(try scratch.connect() as? PostgresDatabase)
            return try body(db)
        }
    }

    @Test func parametersRoundTripThroughExecuteAndQuery() throws {
        try withScratch { db in
            try db.executeScript("CREATE TABLE t (id integer PRIMARY KEY, name text, note text, big bigint, flag boolean, small smallint)")
            let awkward = "O'Brien said \"hi\" — café ☕ 日本"
            let inserted = try db.execute("INSERT INTO t (id, name, note, big, flag, small) VALUES (?, ?, ?, ?, ?, ?)",
                                          [1, .text(awkward), .null, .integer(9_000_000_000), .integer(1), .integer(-7)])
            #expect(inserted == 1)
            try db.execute("INSERT INTO t (id, name, flag) VALUES (?, ?, ?)", [2, "second", .text("f")])

            let rows = try db.query("SELECT id, name, note, big, flag, small FROM t WHERE id = ?", [1])
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.columns == ["id", "name", "note", "big", "flag", "small"])
            #expect(row.values == [.integer(1), .text(awkward), .null, .integer(9_000_000_000), .integer(1), .integer(-7)])
            #expect(row["flag"].boolValue == true)
            #expect(try db.query("SELECT flag FROM t WHERE id = 2").first?["flag"].boolValue == false)
            #expect(try db.execute("UPDATE t SET note = ?", ["x"]) == 2)
            #expect(try db.execute("CREATE INDEX ix_t_note ON t (note)") == 0)
        }
    }

    @Test func questionMarksInLiteralsAndIdentifiersAreNotPlaceholders() throws {
        try withScratch { db in
            let rows = try db.query(#"SELECT 'what?' AS "q?", E'it\'s?' AS e, ? AS p -- trailing?"#, ["bound"])
            let row = try #require(rows.first)
            #expect(row.columns == ["q?", "e", "p"])
            #expect(row.values == [.text("what?"), .text("it's?"), .text("bound")])
        }
    }

    @Test func blobsBindAsByteaHex() throws {
        try withScratch { db in
            try db.executeScript("CREATE TABLE b (data bytea)")
            try db.execute("INSERT INTO b (data) VALUES (?)", [.blob([0x00, 0xff, 0x10])])
            #expect(try db.query("SELECT encode(data, 'hex') AS hex FROM b").first?["hex"] == .text("00ff10"))
        }
    }

    @Test func failedStatementThrowsWithSQLState() throws {
        try withScratch { db in
            let missing = #expect(throws: DatabaseError.self) { try db.query("SELECT * FROM no_such_table") }
            #expect(missing?.code == "42P01")
            #expect(missing?.kind == .statementFailed)
            #expect(missing?.sql == "SELECT * FROM no_such_table")
            #expect(missing?.description == "relation \"no_such_table\" does not exist")

            try db.executeScript("CREATE TABLE u (id integer PRIMARY KEY)")
            try db.execute("INSERT INTO u VALUES (?)", [1])
            let duplicate = #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO u VALUES (?)", [1]) }
            #expect(duplicate?.code == "23505")
        }
    }

    @Test func writesInAReadOnlyTransactionAreReadOnlyErrors() throws {
        try withScratch { db in
            try db.executeScript("BEGIN READ ONLY")
            let error = #expect(throws: DatabaseError.self) { try db.executeScript("CREATE TABLE r (id integer)") }
            #expect(error?.kind == .readOnly)
            #expect(error?.code == "25006")
            try db.rollback()
        }
    }

    @Test func ddlInARolledBackTransactionLeavesNoTable() throws {
        try withScratch { db in
            try db.begin()
            try db.executeScript("CREATE TABLE doomed (id integer PRIMARY KEY)")
            #expect(try db.tableExists("doomed"))
            try db.rollback()
            #expect(try !db.tableExists("doomed"))
        }
    }

    @Test func noticesDoNotBreakStatements() throws {
        try withScratch { db in
            // "table … does not exist, skipping" is a NOTICE; the driver discards it.
            try db.executeScript("DROP TABLE IF EXISTS nothing_here; DROP TYPE IF EXISTS nothing_here")
            #expect(try !db.tableExists("nothing_here"))
        }
    }

    @Test func advisoryLockIsExclusiveAcrossSessions() throws {
        let scratch = try TestBackend.postgresql.makeScratch()
        try withExtendedLifetime(scratch) {
            let first = try #require(try scratch.connect() as? PostgresDatabase)
            let second = try #require(try scratch.connect() as? PostgresDatabase)
            #expect(try first.tryAdvisoryLock(4_242))
            #expect(try !second.tryAdvisoryLock(4_242))
            try first.advisoryUnlock(4_242)
            #expect(try second.tryAdvisoryLock(4_242))
            try second.advisoryUnlock(4_242)
        }
    }

    @Test func smallSchemaIsIntrospectedIntoTheNeutralModel() throws {
        try withScratch { db in
            try db.executeScript("""
                CREATE TYPE colour AS ENUM ('red', 'green', 'blue');
                CREATE TABLE owners (id bigserial PRIMARY KEY, name varchar(64) NOT NULL);
                CREATE TABLE things (
                    id bigint NOT NULL,
                    name character varying(255) NOT NULL,
                    owner_id bigint REFERENCES owners (id),
                    is_public boolean DEFAULT false NOT NULL,
                    is_listed boolean DEFAULT true,
                    created_at timestamp without time zone NOT NULL,
                    status varchar(30) DEFAULT 'active' NOT NULL,
                    colour colour DEFAULT 'red' NOT NULL,
                    size integer DEFAULT 0,
                    rank smallint DEFAULT -1,
                    body text,
                    CONSTRAINT things_pkey PRIMARY KEY (id),
                    CONSTRAINT uq_things_owner_name UNIQUE (owner_id, name),
                    CONSTRAINT ck_things_size CHECK (size >= 0)
                );
                CREATE INDEX ix_things_created_at ON things (created_at);
                CREATE UNIQUE INDEX ix_things_status_name ON things (status, name);
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER things_touch BEFORE UPDATE ON things FOR EACH ROW EXECUTE FUNCTION touch();
                """)
            let schema = try db.introspect()
            #expect(schema.factLines == [
                "check things (size >= 0)",
                "column owners.id type=BIGINT notnull=1 default=None pk=1",
                "column owners.name type=VARCHAR(64) notnull=1 default=None pk=0",
                "column things.body type=TEXT notnull=0 default=None pk=0",
                "column things.colour type=ENUM(colour) notnull=1 default='red' pk=0",
                "column things.created_at type=DATETIME notnull=1 default=None pk=0",
                "column things.id type=BIGINT notnull=1 default=None pk=1",
                "column things.is_listed type=BOOLEAN notnull=0 default=1 pk=0",
                "column things.is_public type=BOOLEAN notnull=1 default=0 pk=0",
                "column things.name type=VARCHAR(255) notnull=1 default=None pk=0",
                "column things.owner_id type=BIGINT notnull=0 default=None pk=0",
                "column things.rank type=SMALLINT notnull=0 default=-1 pk=0",
                "column things.size type=INTEGER notnull=0 default=0 pk=0",
                "column things.status type=VARCHAR(30) notnull=1 default='active' pk=0",
                "enum colour values=red,green,blue",
                "fk things (owner_id) -> owners(id)",
                "index things ix_things_created_at unique=0 cols=created_at",
                "index things ix_things_status_name unique=1 cols=status,name",
                "table owners",
                "table things",
                "trigger things things_touch",
                "unique things uq_things_owner_name cols=owner_id,name",
            ].sorted())
            let things = try #require(schema.table("things"))
            #expect(things.columns.map(\.name) == ["id", "name", "owner_id", "is_public", "is_listed", "created_at",
                                                    "status", "colour", "size", "rank", "body"])
        }
    }

    @Test func compositeKeysKeepKeyOrder() throws {
        try withScratch { db in
            try db.executeScript("""
                CREATE TABLE parent (b integer, a integer, PRIMARY KEY (b, a));
                CREATE TABLE child (x integer, y integer, z integer,
                                    CONSTRAINT child_pkey PRIMARY KEY (z, x),
                                    FOREIGN KEY (y, x) REFERENCES parent (b, a));
                """)
            let schema = try db.introspect()
            #expect(schema.table("parent")?.primaryKey == ["b", "a"])
            #expect(schema.table("child")?.primaryKey == ["z", "x"])
            #expect(schema.table("child")?.foreignKeys == [ForeignKeySchema(columns: ["y", "x"], referencedTable: "parent",
                                                                             referencedColumns: ["b", "a"])])
            #expect(schema.table("child")?.indexes == [])
        }
    }

    @Test func glanceHeadDumpIsIntrospected() throws {
        try withScratch { db in
            let dump = try String(contentsOfFile: "/work/shared/reference/schemas/modern-postgres-head.sql", encoding: .utf8)
            try db.executeScript(dump)
            // pg_dump empties search_path for the rest of the session; introspection reads current_schema().
            _ = try db.query("SELECT pg_catalog.set_config('search_path', 'public', false)")
            let schema = try db.introspect()
            #expect(schema.tableNames == [
                "alembic_version", "cached_images", "image_locations", "image_members", "image_properties", "image_tags",
                "images", "metadef_namespace_resource_types", "metadef_namespaces", "metadef_objects",
                "metadef_properties", "metadef_resource_types", "metadef_tags", "node_reference", "task_info", "tasks",
            ])
            let images = try #require(schema.table("images"))
            #expect(images.column("visibility") == ColumnSchema(name: "visibility", type: "ENUM(image_visibility)",
                                                                isNullable: false, defaultValue: "'shared'"))
            #expect(images.column("protected")?.defaultValue == "0")
            #expect(images.primaryKey == ["id"])
            #expect(images.hasIndex(named: "visibility_image_idx"))
            #expect(schema.table("image_locations")?.column("status")?.defaultValue == "'active'")
            #expect(schema.table("cached_images")?.column("id") == ColumnSchema(name: "id", type: "BIGINT", isNullable: false))
            #expect(schema.table("node_reference")?.uniqueConstraints
                    == [UniqueConstraintSchema(name: "uq_node_reference_node_reference_url", columns: ["node_reference_url"])])
            #expect(schema.table("alembic_version")?.primaryKey == ["version_num"])
            #expect(schema.enumTypes == [EnumTypeSchema(name: "image_visibility", values: ["private", "public", "shared", "community"])])
        }
    }

    @Test func introspectionRefusesAnEmptySearchPath() throws {
        try withScratch { db in
            _ = try db.query("SELECT pg_catalog.set_config('search_path', '', false)")
            let error = #expect(throws: DatabaseError.self) { try db.introspect() }
            #expect(error?.code == "3F000")
        }
    }

    @Test func connectionFailureNeverShowsThePassword() throws {
        let server = try PostgresTestServer.current()
        let error = #expect(throws: DatabaseError.self) {
            try PostgresDatabase(parameters: [.init("host", server.host), .init("port", server.port),
                                              .init("user", "no_such_role"), .init("password", "s3cr3t-pw"),
                                              .init("dbname", "no_such_db")])
        }
        #expect(error?.kind == .cannotConnect)
        #expect(error?.description.hasPrefix("cannot connect to PostgreSQL (host=\(server.host), dbname=no_such_db): ") == true)
        #expect(error?.description.contains("s3cr3t-pw") == false)
    }

    @Test func aPasswordEchoedByTheServerIsScrubbed() throws {
        let server = try PostgresTestServer.current()
        // The server names the missing database in its message; here that name is the password.
        let error = #expect(throws: DatabaseError.self) {
            try PostgresDatabase(parameters: [.init("host", server.host), .init("port", server.port),
                                              .init("user", server.user), .init("password", "s3cr3t-pw"),
                                              .init("dbname", "s3cr3t-pw")])
        }
        #expect(error?.kind == .cannotConnect)
        #expect(error?.description.contains("s3cr3t-pw") == false)
        #expect(error?.description.contains("***") == true)
    }
}
