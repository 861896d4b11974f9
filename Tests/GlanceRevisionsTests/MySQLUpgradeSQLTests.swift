import DatabaseCore
import Foundation
import GlanceRevisions
import MigrationEngine
import Testing
import TestSupport

/// The SQL of a fresh upgrade on MySQL, rendered without a database, against what Glance's own MariaDB dumps
/// imply: every column, key, CHECK and trigger the dump shows must come out of exactly one rendered
/// statement, spelled so that MariaDB stores what the dump shows.
@Suite struct MySQLUpgradeSQLTests {
    /// Every statement of `upgrade heads` from an empty database; table shapes (which `MODIFY` restates)
    /// come from the simulated schema before each operation.
    static func freshUpgradeSQL(to target: String = "heads", options: UpgradeOptions = []) throws -> [String] {
        let renderer = MySQLRenderer()
        let simulator = SchemaSimulator(dialect: .mysql)
        var schema = Schema()
        var statements = [VersionTable().createStatement(.mysql)]
        let plan = GlanceRevisions.map.upgradePlan(from: [], to: try GlanceRevisions.map.resolve(target))
        for revision in plan {
            for operation in revision.operations(for: .mysql, options: options) {
                let current = schema
                statements += try renderer.statements(for: operation) { current.table($0) }
                simulator.apply(operation, to: &schema)
            }
        }
        return statements
    }

    /// The upgrades whose SQL is pinned in `Tests/Fixtures/golden/`: `db sync`, `db expand` (online) and
    /// expand then contract. Each file was loaded with the `mariadb` client into an empty MariaDB 10.11
    /// database and `mariadb-dump --no-data` compared with Glance's own dump of the same state
    /// (modern-mariadb-head.sql, modern-mariadb-after-expand.sql with `SHOW CREATE TRIGGER`,
    /// modern-mariadb-emc-head.sql): identical apart from AUTO_INCREMENT counters. Files hold one statement per
    /// `//` (`DELIMITER //`), so the same check can be repeated by hand; `GLANCE_RECORD_GOLDEN=1` rewrites them.
    static let golden: [(file: String, target: String, online: Bool)] = [
        ("mysql-sync.sql", "heads", false),
        ("mysql-expand-online.sql", "expand@head", true),
        ("mysql-expand-contract-online.sql", "heads", true),
    ]

    @Test(arguments: golden.indices)
    func renderedSQLIsTheVerifiedGolden(_ index: Int) throws {
        let (file, target, online) = Self.golden[index]
        let sql = try Self.freshUpgradeSQL(to: target, options: online ? .online : [])
        let text = "DELIMITER //\n" + sql.map { $0 + "\n//\n" }.joined()
        let path = Fixtures.directory.appendingPathComponent("golden/" + file)
        if ProcessInfo.processInfo.environment["GLANCE_RECORD_GOLDEN"] == "1" {
            try text.write(to: path, atomically: true, encoding: .utf8)
        }
        let expected = try Fixtures.text("golden/" + file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = zip(lines, expectedLines).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            Issue.record("\(file) line \(first.offset + 1): rendered \(first.element.0), golden \(first.element.1)")
        }
        #expect(lines.count == expectedLines.count, "\(file)")
    }

    /// The dump's body of each table: `name -> lines between "CREATE TABLE" and ") ENGINE"`.
    static func dumpedTables(_ dump: String) -> [String: [String]] {
        var tables: [String: [String]] = [:]
        var current: String?
        for line in dump.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("CREATE TABLE `") {
                current = String(line.dropFirst("CREATE TABLE `".count).prefix { $0 != "`" })
                tables[current!] = []
            } else if line.hasPrefix(") ENGINE=") {
                current = nil
            } else if let name = current {
                tables[name]!.append(line.trimmingCharacters(in: .whitespaces).trimmingSuffix(","))
            }
        }
        return tables
    }

    /// Glance's CREATE TABLE options on every Glance table; `alembic_version` (created by Alembic itself)
    /// takes the database's defaults, as in the dump.
    @Test func everyGlanceTableIsInnoDBWithGlancesCharset() throws {
        let creates = try Self.freshUpgradeSQL().filter { $0.hasPrefix("CREATE TABLE") }
        #expect(creates.count == 1 + 15 + 6) // version table, Glance's head tables, artifact tables (dropped by pike)
        for create in creates where !create.contains("`alembic_version`") {
            #expect(create.hasSuffix(")ENGINE=InnoDB CHARSET=utf8"), "\(create)")
        }
        #expect(!creates[0].contains("ENGINE"))
    }

    /// Every column line of the head dump is what the rendered SQL leaves once MariaDB stores it: the column
    /// specs of CREATE TABLE and ADD COLUMN, restated by MODIFY and removed by DROP COLUMN / DROP TABLE, then
    /// spelled as MariaDB stores them (`BOOL` → `tinyint(1)`, `INTEGER` → `int(11)`, `BIGINT` → `bigint(20)`,
    /// `false` → `0`, no default → `DEFAULT NULL` on a nullable column).
    @Test func columnsRenderAsTheHeadDumpStoresThem() throws {
        var tables: [String: [(name: String, spec: String)]] = [:]
        func set(_ table: String, _ line: Substring) {
            let quoted = line.hasPrefix("`")
            let name = String(line.dropFirst(quoted ? 1 : 0).prefix { $0 != "`" && $0 != " " })
            let spec = String(line.dropFirst(name.count + (quoted ? 3 : 1)))
            if let i = tables[table]?.firstIndex(where: { $0.name == name }) {
                tables[table]![i].spec = spec
            } else {
                tables[table, default: []].append((name, spec))
            }
        }
        for statement in try Self.freshUpgradeSQL() where statement.contains(" TABLE `") {
            let table = String(statement.split(separator: "`")[1])
            if statement.hasPrefix("CREATE TABLE") {
                tables[table] = []
                for line in statement.split(separator: "\n").dropFirst()
                where line.hasPrefix("\t") && !line.contains("PRIMARY KEY") && !line.contains("CHECK (")
                    && !line.contains("FOREIGN KEY") && !line.contains(" UNIQUE (") {
                    set(table, Substring(String(line.dropFirst()).trimmingSuffix(", ")))
                }
            } else if statement.hasPrefix("DROP TABLE") {
                tables[table] = nil
            } else if statement.hasPrefix("ALTER TABLE") {
                let clauses = statement.dropFirst("ALTER TABLE `\(table)` ".count).split(separator: ", ")
                for clause in clauses {
                    if clause.hasPrefix("ADD COLUMN ") { set(table, clause.dropFirst("ADD COLUMN ".count)) }
                    if clause.hasPrefix("MODIFY ") { set(table, clause.dropFirst("MODIFY ".count)) }
                    if clause.hasPrefix("DROP COLUMN `") {
                        tables[table]!.removeAll { "DROP COLUMN `\($0.name)`" == clause }
                    }
                }
            }
        }
        let dumped = Self.dumpedTables(try Fixtures.text("modern-mariadb-head.sql"))
        #expect(Set(tables.keys) == Set(dumped.keys))
        for (table, columns) in tables {
            let stored = columns.map { "`\($0.name)` " + Self.stored($0.spec) }
            #expect(stored == dumped[table, default: []].filter { $0.hasPrefix("`") }, "\(table)")
        }
    }

    /// A rendered column spec as MariaDB shows it in `SHOW CREATE TABLE`.
    static func stored(_ spec: String) -> String {
        var words = spec.split(separator: " ").map(String.init)
        let types = ["BOOL": "tinyint(1)", "INTEGER": "int(11)", "BIGINT": "bigint(20)", "NUMERIC": "decimal(10,0)"]
        words[0] = types[words[0]] ?? words[0].replacing("VARCHAR", with: "varchar").replacing("ENUM", with: "enum")
            .replacing("DATETIME", with: "datetime").replacing("TEXT", with: "text")
        words = words.enumerated().filter { $0.element != "NULL" || words[$0.offset - 1] == "NOT" }.map(\.element)
        var text = words.joined(separator: " ").replacing(" DEFAULT false", with: " DEFAULT 0")
            .replacing(" DEFAULT true", with: " DEFAULT 1")
        if !text.contains("NOT NULL") && !text.contains("DEFAULT") { text += " DEFAULT NULL" }
        return text
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
