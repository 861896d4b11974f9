import DatabaseCore
import Foundation
import MySQLDriver
import Testing
import TestSupport

/// Runs against the private server from `scripts/mariadb-test-server`; without it every test fails loudly.
@Suite struct MySQLDatabaseTests {
    /// Runs `body` on a fresh database, kept alive until `body` returns (the scratch value drops the database
    /// when it goes away).
    private func withScratch<T>(_ body: (MySQLDatabase, ScratchDatabase) throws -> T) throws -> T {
        let scratch = try TestBackend.mysql.makeScratch()
        return try withExtendedLifetime(scratch) {
            let db = try #require(try scratch.connect() as? MySQLDatabase)
            return try body(db, scratch)
        }
    }

    @Test func sessionIsSetUpAsOsloDBSetsUpGlance() throws {
        try withScratch { db, _ throws in
            let row = try #require(try db.query("SELECT @@SESSION.sql_mode AS mode, @@character_set_client AS client, "
                                                + "@@character_set_connection AS connection, @@character_set_results AS results").first)
            // TRADITIONAL as the server expands it (MariaDB 10.11).
            #expect(row["mode"] == .text("STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                                         + "ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION"))
            #expect(row["client"] == .text("utf8mb3"))
            #expect(row["connection"] == .text("utf8mb3"))
            #expect(row["results"] == .text("utf8mb3"))
            #expect(db.serverVersion.contains("MariaDB"))
        }
    }

    @Test func traditionalModeRefusesTruncationLikeGlance() throws {
        try withScratch { db, _ throws in
            try db.executeScript("CREATE TABLE t (name varchar(3) NOT NULL, v enum('a','b') NOT NULL)")
            // Glance's own legacy run fails exactly so: (1265, "Data truncated for column 'visibility' at row 1").
            let bad = #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO t VALUES (?, ?)", ["abc", "c"]) }
            #expect(bad?.code == "1265")
            #expect(bad?.description == "Data truncated for column 'v' at row 1")
            let long = #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO t VALUES (?, ?)", ["abcd", "a"]) }
            #expect(long?.code == "1406")
            #expect(long?.sqlState == "22001")
        }
    }

    @Test func parametersRoundTripThroughExecuteAndQuery() throws {
        try withScratch { db, _ throws in
            try db.executeScript("""
                CREATE TABLE t (id int PRIMARY KEY, name text, note text, big bigint, flag tinyint(1), small smallint,
                                ratio double, amount decimal(10,2), data blob, at datetime)
                """)
            let awkward = #"O'Brien said "hi" \ back\slash \' \\ — café ☕ 日本 ? -- # /*"#
            let inserted = try db.execute("""
                INSERT INTO t (id, name, note, big, flag, small, ratio, amount, data, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [1, .text(awkward), .null, .integer(9_000_000_000), .integer(1), .integer(-7), .real(0.5),
                      .text("12.34"), .blob([0x00, 0xff, 0x27, 0x5c]), .text("2026-12-03 10:11:12")])
            #expect(inserted == 1)
            try db.execute("INSERT INTO t (id, name, flag) VALUES (?, ?, ?)", [2, "second", .integer(0)])

            let rows = try db.query("SELECT id, name, note, big, flag, small, ratio, amount, data, at FROM t WHERE id = ?", [1])
            let row = try #require(rows.first)
            #expect(rows.count == 1)
            #expect(row.columns == ["id", "name", "note", "big", "flag", "small", "ratio", "amount", "data", "at"])
            #expect(row.values == [.integer(1), .text(awkward), .null, .integer(9_000_000_000), .integer(1), .integer(-7),
                                   .real(0.5), .text("12.34"), .blob([0x00, 0xff, 0x27, 0x5c]), .text("2026-12-03 10:11:12")])
            #expect(row["flag"].boolValue == true)
            #expect(try db.query("SELECT flag FROM t WHERE id = 2").first?["flag"].boolValue == false)
            #expect(try db.execute("UPDATE t SET note = ?", ["x"]) == 2)
            // Rows found, not rows changed (CLIENT_FOUND_ROWS, as SQLAlchemy asks): the version table's
            // one-row checks hold when a value is set to itself.
            #expect(try db.execute("UPDATE t SET note = ? WHERE id = ?", ["x", 1]) == 1)
            #expect(try db.execute("CREATE INDEX ix_t_big ON t (big)") == 0)
        }
    }

    @Test func questionMarksInLiteralsIdentifiersAndCommentsAreNotPlaceholders() throws {
        try withScratch { db, _ throws in
            let rows = try db.query(#"""
                SELECT 'what?' AS `q?`, "it\"s?" AS d, 'it''s?' AS s, ? AS p -- trailing?
                # hash comment?
                /* block? */
                """#, ["bound"])
            let row = try #require(rows.first)
            #expect(row.columns == ["q?", "d", "s", "p"])
            #expect(row.values == [.text("what?"), .text("it\"s?"), .text("it's?"), .text("bound")])
        }
    }

    @Test func placeholderCountMismatchIsAClientError() throws {
        try withScratch { db, _ throws in
            let tooFew = #expect(throws: DatabaseError.self) { try db.query("SELECT ?, ?", [1]) }
            #expect(tooFew?.description == "the statement has 2 placeholder(s) but 1 parameter(s) were given")
            #expect(throws: DatabaseError.self) { try db.query("SELECT ?", [1, 2]) }
        }
    }

    /// A parameter is always one literal: no text can end the string and run a statement of its own, although
    /// the connection allows multi-statement scripts.
    @Test func parametersCannotInjectStatements() throws {
        try withScratch { db, _ throws in
            try db.executeScript("CREATE TABLE victim (id int)")
            for attack in ["x'; DROP TABLE victim; -- ", "x\\'; DROP TABLE victim; -- ", "x\\", "\u{0}'; DROP TABLE victim; #"] {
                let rows = try db.query("SELECT ? AS v", [.text(attack)])
                #expect(rows.first?["v"] == .text(attack))
            }
            #expect(try db.tableExists("victim"))
        }
    }

    @Test func failedStatementThrowsWithErrnoAndSQLState() throws {
        try withScratch { db, _ throws in
            let missing = #expect(throws: DatabaseError.self) { try db.query("SELECT * FROM no_such_table") }
            #expect(missing?.code == "1146")
            #expect(missing?.sqlState == "42S02")
            #expect(missing?.kind == .statementFailed)
            #expect(missing?.sql == "SELECT * FROM no_such_table")
            let name = try #require(try db.query("SELECT DATABASE() AS name").first?["name"].stringValue)
            #expect(missing?.description == "Table '\(name).no_such_table' doesn't exist")

            try db.executeScript("CREATE TABLE u (id int PRIMARY KEY)")
            try db.execute("INSERT INTO u VALUES (?)", [1])
            let duplicate = #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO u VALUES (?)", [1]) }
            #expect(duplicate?.code == "1062")
            #expect(duplicate?.sqlState == "23000")
            #expect(duplicate?.kind == .uniqueViolation)
            // The connection is still usable after an error.
            #expect(try db.query("SELECT COUNT(*) AS n FROM u").first?["n"] == .integer(1))
        }
    }

    @Test func writesInAReadOnlyTransactionAreReadOnlyErrors() throws {
        try withScratch { db, _ throws in
            try db.executeScript("CREATE TABLE r (id int)")
            try db.executeScript("START TRANSACTION READ ONLY")
            let error = #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO r VALUES (1)") }
            #expect(error?.kind == .readOnly)
            #expect(error?.code == "1792")
            try db.rollback()
        }
    }

    @Test func aLockWaitTimeoutIsBusy() throws {
        try withScratch { db, scratch throws in
            try db.executeScript("CREATE TABLE l (id int PRIMARY KEY) ENGINE=InnoDB; INSERT INTO l VALUES (1)")
            let other = try scratch.connect()
            try db.begin()
            try db.execute("UPDATE l SET id = 1 WHERE id = 1")
            try other.executeScript("SET SESSION innodb_lock_wait_timeout = 1")
            let error = #expect(throws: DatabaseError.self) { try other.execute("UPDATE l SET id = 1 WHERE id = 1") }
            #expect(error?.kind == .busy)
            #expect(error?.code == "1205")
            try db.rollback()
        }
    }

    @Test func scriptsRunEveryStatementAndDrainEveryResult() throws {
        try withScratch { db, _ throws in
            try db.executeScript("""
                CREATE TABLE s (id int PRIMARY KEY, v varchar(10));
                INSERT INTO s VALUES (1, 'a;b');
                SELECT * FROM s;  -- a result set in the middle is read and discarded
                INSERT INTO s VALUES (2, 'c');
                SELECT 1;
                """)
            // The connection is in sync: the next query gets its own result, not a leftover one.
            #expect(try db.query("SELECT COUNT(*) AS n FROM s").first?["n"] == .integer(2))
        }
    }

    @Test func aFailingScriptNamesTheStatementThatFailed() throws {
        try withScratch { db, _ throws in
            let error = #expect(throws: DatabaseError.self) {
                try db.executeScript("""
                    CREATE TABLE f (id int PRIMARY KEY);
                    INSERT INTO f VALUES (1);
                    INSERT INTO f VALUES (1);
                    INSERT INTO f VALUES (2);
                    """)
            }
            #expect(error?.code == "1062")
            #expect(error?.sql == "INSERT INTO f VALUES (1)")
            #expect(error?.description == "Duplicate entry '1' for key 'PRIMARY'")
            // MySQL stops at the failing statement; what ran before it stays (each statement autocommits).
            #expect(try db.query("SELECT id FROM f").map { $0["id"] } == [.integer(1)])
            // And the connection is usable again.
            #expect(try db.query("SELECT 1 AS one").first?["one"] == .integer(1))
        }
    }

    @Test func aFailingFirstStatementIsNamed() throws {
        try withScratch { db, _ throws in
            let error = #expect(throws: DatabaseError.self) { try db.executeScript("SELEC 1; SELECT 2") }
            #expect(error?.code == "1064")
            #expect(error?.sql == "SELEC 1")
        }
    }

    /// A trigger body's semicolons do not end the statement, on the server or when naming a failing statement.
    @Test func triggerBodiesInScriptsStayWhole() throws {
        try withScratch { db, _ throws in
            let error = #expect(throws: DatabaseError.self) {
                try db.executeScript("""
                    CREATE TABLE g (id int, v varchar(10));
                    CREATE TRIGGER g_check BEFORE INSERT ON g FOR EACH ROW
                    BEGIN
                        IF NEW.v = 'bad' THEN
                            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bad value';
                        END IF;
                        SET NEW.v = CASE WHEN NEW.v IS NULL THEN 'none' ELSE NEW.v END;
                    END;
                    INSERT INTO g VALUES (1, NULL);
                    INSERT INTO g VALUES (2, 'bad');
                    """)
            }
            #expect(error?.code == "1644")
            #expect(error?.sqlState == "45000")
            #expect(error?.description == "bad value")
            #expect(error?.sql == "INSERT INTO g VALUES (2, 'bad')")
            #expect(try db.query("SELECT v FROM g").map { $0["v"] } == [.text("none")])
        }
    }

    @Test func foreignKeyFailuresAreClassifiedAndEnforcementIsRestored() throws {
        try withScratch { db, _ throws in
            try db.executeScript("""
                CREATE TABLE parent (id int PRIMARY KEY) ENGINE=InnoDB;
                CREATE TABLE child (id int PRIMARY KEY, parent_id int, FOREIGN KEY (parent_id) REFERENCES parent (id))
                    ENGINE=InnoDB;
                INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1, 1)
                """)
            let orphan = #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO child VALUES (2, 9)") }
            #expect(orphan?.kind == .foreignKeyViolation)
            #expect(orphan?.code == "1452")
            let referenced = #expect(throws: DatabaseError.self) { try db.execute("DELETE FROM parent") }
            #expect(referenced?.kind == .foreignKeyViolation)
            #expect(referenced?.code == "1451")

            try db.executeScript("SET SESSION foreign_key_checks = 0")
            let inside = #expect(throws: DatabaseError.self) {
                try db.withForeignKeysEnforced { try db.execute("INSERT INTO child VALUES (3, 9)") }
            }
            #expect(inside?.kind == .foreignKeyViolation)
            #expect(try db.query("SELECT @@SESSION.foreign_key_checks AS f").first?["f"] == .integer(0))
        }
    }

    @Test func tableNamesAreTheBaseTablesSorted() throws {
        try withScratch { db, _ throws in
            try db.executeScript("CREATE TABLE b (id int); CREATE TABLE a (id int); CREATE VIEW v AS SELECT * FROM a")
            #expect(try db.tableNames() == ["a", "b"])
        }
    }

    @Test func tableExistsIsExactAboutNames() throws {
        try withScratch { db, _ throws in
            try db.executeScript("CREATE TABLE images (id int); CREATE VIEW v_images AS SELECT * FROM images")
            #expect(try db.tableExists("images"))
            #expect(try !db.tableExists("Images"))
            #expect(try !db.tableExists("v_images"))
            #expect(try !db.tableExists("nothing"))
        }
    }

    @Test func ddlCommitsImplicitlySoItCannotRollBack() throws {
        try withScratch { db, _ throws in
            try db.begin()
            try db.executeScript("CREATE TABLE d (id int)")
            try db.rollback()
            #expect(try db.tableExists("d"))
        }
    }

    /// The migration lock is per database although MySQL's named locks are per server.
    @Test func theMigrationLockIsExclusivePerDatabase() throws {
        try withScratch { db, scratch throws in
            let other = try scratch.connect()
            let elsewhere = try TestBackend.mysql.makeScratch()
            try withExtendedLifetime(elsewhere) {
                #expect(try db.tryAcquireMigrationLock())
                #expect(try !other.tryAcquireMigrationLock())
                #expect(try elsewhere.connect().tryAcquireMigrationLock())
                try db.releaseMigrationLock()
                #expect(try other.tryAcquireMigrationLock())
            }
        }
    }

    @Test func backupIsRefusedWithAdvice() throws {
        try withScratch { db, _ throws in
            #expect(throws: BackupError.notSupported(product: "MySQL",
                                                     advice: "back it up with mariadb-dump (mysqldump) before upgrading")) {
                try db.backUp(toNewFile: "/tmp/never-written.sql")
            }
        }
    }

    @Test func aReadTransactionSeesOneSnapshot() throws {
        try withScratch { db, scratch throws in
            try db.executeScript("CREATE TABLE r (id int) ENGINE=InnoDB; INSERT INTO r VALUES (1)")
            let writer = try scratch.connect()
            let counts = try db.inReadSnapshot(protecting: ["r"]) {
                let before = try db.query("SELECT COUNT(*) AS n FROM r").first?["n"]
                try writer.execute("INSERT INTO r VALUES (2)")
                let after = try db.query("SELECT COUNT(*) AS n FROM r").first?["n"]
                return [before, after]
            }
            #expect(counts == [.integer(1), .integer(1)])
            #expect(try db.query("SELECT COUNT(*) AS n FROM r").first?["n"] == .integer(2))
        }
    }

    @Test func namedLocksAreExclusiveBetweenSessions() throws {
        try withScratch { db, scratch throws in
            let other = try #require(try scratch.connect() as? MySQLDatabase)
            #expect(try db.getLock("glance-bridge.test"))
            #expect(try !other.getLock("glance-bridge.test"))
            try db.releaseLock("glance-bridge.test")
            #expect(try other.getLock("glance-bridge.test"))
            try other.releaseLock("glance-bridge.test")
        }
    }
}
