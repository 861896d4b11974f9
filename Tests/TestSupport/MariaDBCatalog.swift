import DatabaseCore

/// A MariaDB database's catalog in the line format of Glance's reference files (`*-mariadb*.struct.txt`),
/// read straight from `information_schema` the way those files were made: an oracle that does not go through
/// the driver's introspection, so a test can hold a database built by glance-bridge to Glance's own catalog
/// fact by fact (names, collations, table options included).
public enum MariaDBCatalog {
    public static func structLines(of database: any Database) throws -> [String] {
        var lines: [String] = []
        for row in try database.query("""
            SELECT TABLE_NAME t, ENGINE e, TABLE_COLLATION c, ROW_FORMAT r FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
            """) {
            lines.append("table \(row["t"]) engine=\(row["e"]) collation=\(row["c"]) row_format=\(row["r"])")
        }
        for row in try database.query("""
            SELECT TABLE_NAME t, COLUMN_NAME n, COLUMN_TYPE ty, IS_NULLABLE nu, COLUMN_DEFAULT d, COLLATION_NAME c,
                   EXTRA x
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
            """) {
            let null = row["nu"].stringValue == "YES" ? "NULL" : "NOT NULL"
            var line = "column \(row["t"]).\(row["n"]) \(row["ty"]) \(null)"
            if let value = row["d"].stringValue { line += " default=\(value)" }
            if let collation = row["c"].stringValue { line += " collation=\(collation)" }
            if row["x"].stringValue?.contains("auto_increment") == true { line += " auto_increment" }
            lines.append(line)
        }
        var indexes: [String: (unique: Bool, columns: [String])] = [:]
        for row in try database.query("""
            SELECT TABLE_NAME t, INDEX_NAME i, NON_UNIQUE u, COLUMN_NAME c FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
            """) {
            let key = "\(row["t"]).\(row["i"])"
            indexes[key, default: (row["u"].intValue == 0, [])].columns.append(row["c"].stringValue ?? "")
        }
        for (key, index) in indexes {
            lines.append("index \(key) \(index.unique ? "UNIQUE " : "")(\(index.columns.joined(separator: ",")))")
        }
        var keys: [String: (from: [String], table: String, to: [String])] = [:]
        for row in try database.query("""
            SELECT TABLE_NAME t, CONSTRAINT_NAME n, COLUMN_NAME c, REFERENCED_TABLE_NAME rt, REFERENCED_COLUMN_NAME rc
            FROM information_schema.KEY_COLUMN_USAGE
            WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
            ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION
            """) {
            let key = "\(row["t"]).\(row["n"])"
            keys[key, default: ([], row["rt"].stringValue ?? "", [])].from.append(row["c"].stringValue ?? "")
            keys[key]!.to.append(row["rc"].stringValue ?? "")
        }
        for row in try database.query("""
            SELECT TABLE_NAME t, CONSTRAINT_NAME n, UPDATE_RULE u, DELETE_RULE d
            FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
            """) {
            let name = "\(row["t"]).\(row["n"])"
            guard let key = keys[name] else { continue }
            let (from, to) = (key.from.joined(separator: ","), key.to.joined(separator: ","))
            lines.append("fk \(name) (\(from)) -> \(key.table) (\(to)) on_update=\(row["u"]) on_delete=\(row["d"])")
        }
        for row in try database.query("""
            SELECT TABLE_NAME t, CONSTRAINT_NAME n, CHECK_CLAUSE c FROM information_schema.CHECK_CONSTRAINTS
            WHERE CONSTRAINT_SCHEMA = DATABASE()
            """) {
            lines.append("check \(row["t"]).\(row["n"]) \(row["c"])")
        }
        for row in try database.query("""
            SELECT TRIGGER_NAME n, ACTION_TIMING w, EVENT_MANIPULATION e, EVENT_OBJECT_TABLE t
            FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
            """) {
            lines.append("trigger \(row["n"]) \(row["w"]) \(row["e"]) ON \(row["t"])")
        }
        return lines.sorted()
    }

    /// A reference struct file's lines (`modern-mariadb-head.struct.txt`).
    public static func referenceLines(_ file: String) throws -> [String] {
        try Fixtures.text(file).split(separator: "\n").map(String.init).sorted()
    }

    /// The statement MariaDB stores for a trigger (`SHOW CREATE TRIGGER`'s "SQL Original Statement" without
    /// its `DEFINER` clause), or nil when there is none.
    public static func triggerStatement(_ name: String, in database: any Database) throws -> String? {
        let rows = try database.query("""
            SELECT ACTION_TIMING w, EVENT_MANIPULATION e, EVENT_OBJECT_TABLE t, ACTION_STATEMENT s
            FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = ?
            """, [.text(name)])
        return rows.first.map { "CREATE TRIGGER \(name) \($0["w"]) \($0["e"]) ON \($0["t"])\nFOR EACH ROW\n\($0["s"])" }
    }

    /// The same statement as Glance's reference dump shows it after `db expand`.
    public static func referenceTriggerStatement(_ name: String) throws -> String? {
        let dump = try Fixtures.text("modern-mariadb-after-expand.sql")
        guard let marker = dump.range(of: "TRIGGER \(name) ", range: dump.range(of: "SHOW CREATE TRIGGER \(name)")
            .map { $0.upperBound..<dump.endIndex }), let end = dump.range(of: "\n  character_set_client:",
                                                                               range: marker.upperBound..<dump.endIndex)
        else { return nil }
        return "CREATE " + dump[marker.lowerBound..<end.lowerBound]
    }
}
