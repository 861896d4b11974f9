import DatabaseCore
import Foundation
import MySQLDriver
import Testing
import TestSupport

/// `MySQLDatabase.introspect()` against the real tool: Glance's own MariaDB dumps are loaded into the private
/// server and what we read back is compared, fact by fact, with the reference `*.struct.txt` made from the same
/// databases by the real tooling (and with the dumps' table options).
@Suite struct MySQLIntrospectionTests {
    /// The dumps under Tests/Fixtures, copied from ../shared/reference/schemas.
    static let dumps = ["modern-mariadb-head", "modern-mariadb-emc-head", "modern-mariadb-after-expand",
                        "legacy44-mariadb"]

    private func withScratch<T>(_ body: (MySQLDatabase) throws -> T) throws -> T {
        let scratch = try TestBackend.mysql.makeScratch()
        return try withExtendedLifetime(scratch) {
            try body(try #require(try scratch.connect() as? MySQLDatabase))
        }
    }

    @Test(arguments: dumps)
    func introspectionMatchesTheReferenceDescription(_ name: String) throws {
        let dump = try Fixtures.text("\(name).sql")
        let expected = try Fixtures.text("\(name).struct.txt").split(separator: "\n").map(String.init)
        try withScratch { db in
            try db.executeScript(Self.loadableScript(dump))
            let actual = try Self.structLines(db.introspect())
            let missing = expected.removingOnce(actual)
            let extra = actual.removingOnce(expected)
            #expect(missing.isEmpty, "in the reference but not read back:\n\(missing.joined(separator: "\n"))")
            #expect(extra.isEmpty, "read back but not in the reference:\n\(extra.joined(separator: "\n"))")
            #expect(actual.count == expected.count)
        }
    }

    /// `ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci` as the dump writes it for each table.
    @Test(arguments: dumps)
    func tableOptionsMatchTheDump(_ name: String) throws {
        let dump = try Fixtures.text("\(name).sql")
        let expected = Self.tableOptions(inDump: dump)
        try #require(!expected.isEmpty)
        try withScratch { db in
            try db.executeScript(Self.loadableScript(dump))
            let schema = try db.introspect()
            #expect(schema.tableNames == expected.keys.sorted())
            for table in schema.tables {
                let options = try #require(table.options)
                #expect("ENGINE=\(options.engine) DEFAULT CHARSET=\(options.charset) COLLATE=\(options.collation)"
                        == expected[table.name], "\(table.name)")
            }
        }
    }

    @Test func typesAreSpelledAsOnTheOtherDialects() throws {
        try withScratch { db in
            try db.executeScript("""
                CREATE TABLE t (a int(11), b bigint(20), c tinyint(1), d varchar(36), e text, f datetime,
                                g decimal(10,0), h enum('private','public'), i int(10) unsigned, j tinyint(4),
                                k smallint(6), l mediumtext, m decimal(10,2), n double, o blob, p char(2))
                """)
            let table = try #require(try db.introspectTable("t"))
            #expect(table.columns.map(\.type) == [
                "INTEGER", "BIGINT", "BOOLEAN", "VARCHAR(36)", "TEXT", "DATETIME", "NUMERIC(10,0)",
                "ENUM('private','public')", "INTEGER UNSIGNED", "TINYINT", "SMALLINT", "MEDIUMTEXT", "NUMERIC(10,2)",
                "DOUBLE", "BLOB", "CHAR(2)",
            ])
            #expect(table.columns.filter { !$0.isNullable }.isEmpty)
            #expect(table.columns.compactMap(\.defaultValue).isEmpty)
        }
    }

    @Test func defaultsNullabilityAndAutoIncrement() throws {
        try withScratch { db in
            try db.executeScript("""
                CREATE TABLE d (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, s varchar(10) NOT NULL DEFAULT 'it''s',
                                n int DEFAULT 0, b tinyint(1) NOT NULL DEFAULT 0, z varchar(4) DEFAULT NULL,
                                w varchar(4) NOT NULL, q varchar(4) DEFAULT 'NULL')
                """)
            let table = try #require(try db.introspectTable("d"))
            let byName = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0) })
            #expect(byName["id"]?.isAutoIncrement == true)
            #expect(byName["s"]?.isAutoIncrement == false)
            #expect(table.primaryKey == ["id"])
            #expect(byName["s"]?.defaultValue == "'it''s'")
            #expect(byName["n"]?.defaultValue == "0")
            #expect(byName["b"]?.defaultValue == "0")
            #expect(byName["z"]?.defaultValue == nil)
            #expect(byName["w"]?.defaultValue == nil)
            #expect(byName["q"]?.defaultValue == "'NULL'")
            #expect(byName["w"]?.isNullable == false)
            #expect(byName["z"]?.isNullable == true)
        }
    }

    /// MariaDB names the n-th unnamed table CHECK `CONSTRAINT_n` and a column-level one after its column; scripts
    /// drop them by those names, so the names are facts.
    @Test func checkNamesAreMariaDBs() throws {
        try withScratch { db in
            try db.executeScript("""
                CREATE TABLE c (a tinyint(1), b tinyint(1) CHECK (b IN (0, 1)), c int,
                                CHECK (a IN (0, 1)), CONSTRAINT c_positive CHECK (c > 0), CHECK (c < 100))
                """)
            let table = try #require(try db.introspectTable("c"))
            #expect(table.checkNames == ["CONSTRAINT_1": "`a` in (0,1)", "c_positive": "`c` > 0",
                                         "CONSTRAINT_2": "`c` < 100", "b": "`b` in (0,1)"])
            #expect(table.checks == ["`a` in (0,1)", "`b` in (0,1)", "`c` < 100", "`c` > 0"])
        }
    }

    @Test func foreignKeysKeepNamesColumnOrderAndActions() throws {
        try withScratch { db in
            try db.executeScript("""
                CREATE TABLE p (a int, b int, PRIMARY KEY (b, a));
                CREATE TABLE k (x int, y int, z int,
                                CONSTRAINT k_to_p FOREIGN KEY (y, x) REFERENCES p (b, a) ON DELETE CASCADE,
                                FOREIGN KEY (z, x) REFERENCES p (b, a));
                """)
            let schema = try db.introspect()
            #expect(schema.table("p")?.primaryKey == ["b", "a"])
            let k = try #require(schema.table("k"))
            #expect(k.foreignKeys == [
                ForeignKeySchema(columns: ["y", "x"], referencedTable: "p", referencedColumns: ["b", "a"],
                                 name: "k_to_p", onDelete: "CASCADE"),
                ForeignKeySchema(columns: ["z", "x"], referencedTable: "p", referencedColumns: ["b", "a"],
                                 name: "k_ibfk_1"),
            ])
            // InnoDB indexes a foreign key's columns by itself, named after the constraint when it has a name and
            // after the first column otherwise (cached_images' `node_reference_id` key in Glance's own dump).
            #expect(k.indexes.map(\.name).sorted() == ["k_to_p", "z"])
        }
    }

    @Test func uniqueKeysArePrefixColumnsAndUniqueIndexes() throws {
        try withScratch { db in
            try db.executeScript("""
                CREATE TABLE u (a varchar(40), b text, c int, CONSTRAINT uq_a_c UNIQUE (a, c), UNIQUE (c));
                CREATE INDEX ix_b ON u (b(10), a)
                """)
            let table = try #require(try db.introspectTable("u"))
            #expect(table.uniqueConstraints.isEmpty)
            #expect(table.indexes == [
                IndexSchema(name: "c", columns: ["c"], isUnique: true),
                IndexSchema(name: "ix_b", columns: ["b(10)", "a"], isUnique: false),
                IndexSchema(name: "uq_a_c", columns: ["a", "c"], isUnique: true),
            ])
        }
    }

    @Test func triggersCarryTheirTiming() throws {
        try withScratch { db in
            try db.executeScript("""
                CREATE TABLE g (v int);
                CREATE TRIGGER g_before BEFORE UPDATE ON g FOR EACH ROW SET NEW.v = NEW.v + 1;
                CREATE TRIGGER g_after AFTER DELETE ON g FOR EACH ROW BEGIN END
                """)
            #expect(try db.introspect().triggers == [
                TriggerSchema(name: "g_after", table: "g", timing: "AFTER DELETE"),
                TriggerSchema(name: "g_before", table: "g", timing: "BEFORE UPDATE"),
            ])
        }
    }

    @Test func viewsAndOtherDatabasesAreNotTables() throws {
        try withScratch { db in
            try db.executeScript("CREATE TABLE a (id int); CREATE VIEW v AS SELECT id FROM a")
            let schema = try db.introspect()
            #expect(schema.tableNames == ["a"])
            #expect(try db.introspectTable("v") == nil)
            #expect(try db.introspectTable("user") == nil) // mysql.user exists on the server, not here
        }
    }

    @Test func aConnectionWithoutADatabaseCannotBeIntrospected() throws {
        let admin = try MySQLTestServer.current().admin()
        let error = #expect(throws: DatabaseError.self) { try admin.introspect() }
        #expect(error?.code == "1046")
    }

    // MARK: - The reference's format

    /// The dump without its trailing `SHOW CREATE TRIGGER` listings, which become the CREATE TRIGGER statements
    /// they print (the "SQL Original Statement").
    static func loadableScript(_ dump: String) -> String {
        let marker = "\n-- SHOW CREATE TRIGGER "
        guard let first = dump.range(of: marker) else { return dump }
        var script = String(dump[..<first.lowerBound])
        var rest = dump[first.lowerBound...]
        while let start = rest.range(of: "SQL Original Statement: ") {
            let body = rest[start.upperBound...]
            let end = body.range(of: "\n  character_set_client:")?.lowerBound ?? body.endIndex
            script += "\n" + body[..<end] + ";\n"
            rest = body[end...]
        }
        return script
    }

    /// `mariadb-dump`'s `) ENGINE=… DEFAULT CHARSET=… COLLATE=…;` line of each CREATE TABLE, by table.
    static func tableOptions(inDump dump: String) -> [String: String] {
        var result: [String: String] = [:]
        var table: String?
        for line in dump.split(separator: "\n") {
            if line.hasPrefix("CREATE TABLE `") {
                table = line.split(separator: "`").dropFirst().first.map(String.init)
            } else if let name = table, line.hasPrefix(") ENGINE=") {
                result[name] = String(line.dropFirst(2).dropLast(line.hasSuffix(";") ? 1 : 0))
                table = nil
            }
        }
        return result
    }

    /// Our schema written as the reference's `*.struct.txt` lines, types spelled back as MariaDB prints them.
    static func structLines(_ schema: Schema) throws -> [String] {
        var lines: [String] = []
        for table in schema.tables {
            if let o = table.options {
                lines.append("table \(table.name) engine=\(o.engine) collation=\(o.collation) "
                             + "row_format=\(o.rowFormat ?? "")")
            }
            for column in table.columns {
                var line = "column \(table.name).\(column.name) \(try mariaDBType(column.type))"
                line += column.isNullable ? " NULL" : " NOT NULL"
                if let value = column.defaultValue {
                    line += " default=\(value)"
                } else if column.isNullable {
                    line += " default=NULL"
                }
                if let collation = column.collation { line += " collation=\(collation)" }
                if column.isAutoIncrement { line += " auto_increment" }
                lines.append(line)
            }
            if !table.primaryKey.isEmpty {
                lines.append("index \(table.name).PRIMARY UNIQUE (\(table.primaryKey.joined(separator: ",")))")
            }
            for index in table.indexes {
                let unique = index.isUnique ? " UNIQUE" : ""
                lines.append("index \(table.name).\(index.name)\(unique) (\(index.columns.joined(separator: ",")))")
            }
            for fk in table.foreignKeys {
                lines.append("fk \(table.name).\(fk.name ?? "") (\(fk.columns.joined(separator: ","))) -> "
                             + "\(fk.referencedTable) (\(fk.referencedColumns.joined(separator: ","))) "
                             + "on_update=\(fk.onUpdate ?? "RESTRICT") "
                             + "on_delete=\(fk.onDelete ?? "RESTRICT")")
            }
            for (name, expression) in table.checkNames {
                lines.append("check \(table.name).\(name) \(expression)")
            }
            #expect(table.checks.sorted() == table.checkNames.values.sorted(),
                    "every CHECK of \(table.name) has its name")
        }
        for trigger in schema.triggers {
            lines.append("trigger \(trigger.name) \(trigger.timing ?? "") ON \(trigger.table)")
        }
        return lines.sorted()
    }

    /// The neutral spelling back to MariaDB's `COLUMN_TYPE` for the types Glance uses.
    static func mariaDBType(_ type: String) throws -> String {
        switch type {
        case "INTEGER": return "int(11)"
        case "BIGINT": return "bigint(20)"
        case "BOOLEAN": return "tinyint(1)"
        case "TEXT": return "text"
        case "DATETIME": return "datetime"
        case "NUMERIC(10,0)": return "decimal(10,0)"
        default:
            if type.hasPrefix("VARCHAR(") { return "varchar" + type.dropFirst("VARCHAR".count) }
            if type.hasPrefix("ENUM(") { return "enum" + type.dropFirst("ENUM".count) }
            throw TestSetupError("no MariaDB spelling for \(type) in this test")
        }
    }
}
