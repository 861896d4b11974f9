import DatabaseCore
import GlanceRevisions
import MigrationEngine
import Testing
import TestSupport

/// The MySQL schema the simulator predicts, without a server, against Glance's own MariaDB catalogs
/// (`*.struct.txt`, written from `information_schema` after real `db sync`, `db expand`, expand+contract):
/// table options, columns with collations, keys, named CHECKs and foreign keys, triggers: fact by fact. The
/// walk tests then hold the simulator to live introspection after every revision.
@Suite struct MySQLSimulatedSchemaTests {
    /// One line of a struct file, reduced to what the neutral schema carries.
    static func facts(ofStructFile name: String) throws -> Set<String> {
        facts(ofStructLines: try MariaDBCatalog.referenceLines(name))
    }

    /// Lines in the struct-file format (a reference file, or `MariaDBCatalog` on a live database).
    static func facts(ofStructLines lines: [String]) -> Set<String> {
        var facts = Set<String>()
        for line in lines {
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            // alembic_version is Alembic's, not the revisions': the simulation leaves it out.
            guard words.count == 3, words[1].split(separator: ".")[0] != "alembic_version" else { continue }
            switch words[0] {
            case "column":
                // `images.visibility enum('a','b') NOT NULL default='shared' collation=…`
                var rest = words[2].split(separator: " ")
                let type = neutralType(String(rest.removeFirst()))
                let extra = rest.filter { $0.hasPrefix("collation=") || $0 == "auto_increment" }.joined(separator: " ")
                let nullable = rest.first == "NULL"
                let value = rest.first { $0.hasPrefix("default=") }.map { String($0.dropFirst("default=".count)) }
                let shown = value.flatMap { $0 == "NULL" ? nil : $0 } ?? "-"
                facts.insert("column \(words[1]) \(type) \(nullable ? "NULL" : "NOT NULL") \(shown) \(extra)")
            case "index" where !words[1].hasSuffix(".PRIMARY"):
                facts.insert("index \(words[1]) \(words[2])")
            case "check":
                facts.insert("check \(words[1]) \(words[2])")
            case "fk":
                // `task_info.task_info_ibfk_1 (task_id) -> tasks (id) on_update=…`
                facts.insert("fk \(words[1]) " + words[2])
            case "trigger":
                facts.insert("trigger \(words[1]) " + words[2])
            case "table":
                facts.insert("table \(words[1]) " + words[2])
            default:
                continue
            }
        }
        return facts
    }

    /// MariaDB's stored type as the neutral schema spells it on MySQL.
    static func neutralType(_ stored: String) -> String {
        let fixed = ["int(11)": "INTEGER", "bigint(20)": "BIGINT", "tinyint(1)": "BOOLEAN",
                     "decimal(10,0)": "NUMERIC(10,0)"]
        if let type = fixed[stored] { return type }
        if stored.hasPrefix("enum(") { return "ENUM" + stored.dropFirst(4) }
        return stored.uppercased()
    }

    static func facts(of schema: Schema) -> Set<String> {
        var facts = Set<String>()
        for table in schema.tables {
            for column in table.columns {
                let null = column.isNullable ? "NULL" : "NOT NULL"
                let extra = ((column.collation.map { ["collation=" + $0] } ?? [])
                             + (column.isAutoIncrement ? ["auto_increment"] : [])).joined(separator: " ")
                let value = column.defaultValue ?? "-"
                facts.insert("column \(table.name).\(column.name) \(column.type) \(null) \(value) \(extra)")
            }
            for index in table.indexes {
                let unique = index.isUnique ? "UNIQUE " : ""
                facts.insert("index \(table.name).\(index.name) \(unique)(\(index.columns.joined(separator: ",")))")
            }
            for unique in table.uniqueConstraints {
                let columns = unique.columns.joined(separator: ",")
                facts.insert("index \(table.name).\(unique.name ?? "?") UNIQUE (\(columns))")
            }
            for (name, check) in table.checkNames { facts.insert("check \(table.name).\(name) \(check)") }
            #expect(Set(table.checkNames.values) == Set(table.checks), "\(table.name): every CHECK has its name")
            for key in table.foreignKeys {
                let (from, to) = (key.columns.joined(separator: ","), key.referencedColumns.joined(separator: ","))
                // MariaDB reports RESTRICT for a key declared without ON UPDATE / ON DELETE.
                facts.insert("fk \(table.name).\(key.name ?? "?") (\(from)) -> \(key.referencedTable) (\(to))"
                             + " on_update=\(key.onUpdate ?? "RESTRICT") on_delete=\(key.onDelete ?? "RESTRICT")")
            }
            if let options = table.options {
                facts.insert("table \(table.name) engine=\(options.engine) collation=\(options.collation)"
                             + " row_format=\(options.rowFormat ?? "?")")
            }
        }
        for trigger in schema.triggers {
            facts.insert("trigger \(trigger.name) \(trigger.timing ?? "?") ON \(trigger.table)")
        }
        return facts
    }

    static let states: [(file: String, target: String, online: Bool)] = [
        ("modern-mariadb-head.struct.txt", "heads", false),
        ("modern-mariadb-after-expand.struct.txt", "expand@head", true),
        ("modern-mariadb-emc-head.struct.txt", "heads", true),
    ]

    @Test(arguments: states.indices)
    func simulatedSchemaIsGlancesCatalog(_ index: Int) throws {
        let (file, target, online) = Self.states[index]
        let map = GlanceRevisions.map
        let simulated = SchemaSimulator(dialect: .mysql)
            .schema(at: try map.resolve(target), in: map, options: online ? .online : [])
        let expected = try Self.facts(ofStructFile: file)
        let actual = Self.facts(of: simulated)
        #expect(expected.count > (online && target != "heads" ? 260 : 170), "\(expected.count) facts read from \(file)")
        #expect(expected.subtracting(actual).sorted() == [], "missing from the simulation (\(file))")
        #expect(actual.subtracting(expected).sorted() == [], "not in Glance's catalog (\(file))")
    }
}
