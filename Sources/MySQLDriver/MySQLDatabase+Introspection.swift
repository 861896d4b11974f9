import DatabaseCore

extension MySQLDatabase {
    /// Reads the base tables and triggers of the current database from `information_schema` into the neutral
    /// model.
    ///
    /// Types are spelled as on the other dialects where MySQL's mean the same (`int(11)` is `INTEGER`,
    /// `bigint(20)` `BIGINT`, `tinyint(1)` `BOOLEAN`, `varchar(36)` `VARCHAR(36)`, `decimal(10,0)`
    /// `NUMERIC(10,0)`); an enum keeps its values inline, `ENUM('private','public')`. Defaults are MariaDB's
    /// text (`'shared'`, `0`), with `NULL` meaning none. MySQL-only facts fill the model's optional parts: table
    /// engine, charset, collation and row format, column collations and `AUTO_INCREMENT`, foreign-key names
    /// and non-default actions, CHECK names (`CONSTRAINT_1` for an unnamed one) and trigger timing. CHECK
    /// expressions are MariaDB's reprint of them (`` `deleted` in (0,1) ``).
    ///
    /// MySQL does not tell a UNIQUE constraint from a unique index (both are a `UNIQUE KEY`): every one is
    /// reported as a unique index, and `uniqueConstraints` stays empty. The index MySQL creates by itself for a
    /// foreign key's columns is a real index and is reported.
    /// - Throws: `DatabaseError` if a catalog query fails, or if the connection has no current database (an
    ///   empty answer would then look like an empty database).
    public func introspect() throws -> Schema {
        guard try query("SELECT DATABASE() AS name").first?["name"].stringValue != nil else {
            throw DatabaseError(kind: .statementFailed, code: "1046",
                                message: "cannot introspect: the connection has no current database "
                                    + "(DATABASE() is NULL)")
        }
        var tables: [String: MySQLTableParts] = [:]
        for row in try query(Self.tablesSQL) {
            let name = row["TABLE_NAME"].stringValue ?? ""
            var parts = MySQLTableParts()
            if let engine = row["ENGINE"].stringValue, let collation = row["TABLE_COLLATION"].stringValue {
                parts.options = TableOptions(engine: engine, charset: row["CHARACTER_SET_NAME"].stringValue ?? "",
                                             collation: collation, rowFormat: row["ROW_FORMAT"].stringValue)
            }
            tables[name] = parts
        }
        for row in try query(Self.columnsSQL) {
            let table = row["TABLE_NAME"].stringValue ?? ""
            tables[table]?.columns.append(ColumnSchema(
                name: row["COLUMN_NAME"].stringValue ?? "",
                type: Self.normalisedType(row["COLUMN_TYPE"].stringValue ?? ""),
                isNullable: row["IS_NULLABLE"].stringValue == "YES",
                defaultValue: row["COLUMN_DEFAULT"].stringValue.flatMap(Self.normalisedDefault),
                collation: row["COLLATION_NAME"].stringValue,
                isAutoIncrement: (row["EXTRA"].stringValue ?? "").lowercased().contains("auto_increment")))
        }
        // One row per index column, in order; grouped here rather than with GROUP_CONCAT, whose result is cut
        // at group_concat_max_len.
        var indexes: [String: [String: IndexSchema]] = [:]
        for row in try query(Self.indexesSQL) {
            let table = row["TABLE_NAME"].stringValue ?? ""
            let name = row["INDEX_NAME"].stringValue ?? ""
            let column = (row["COLUMN_NAME"].stringValue ?? "") + (row["SUB_PART"].intValue.map { "(\($0))" } ?? "")
            indexes[table, default: [:]][name, default: IndexSchema(name: name, columns: [],
                                                                     isUnique: row["NON_UNIQUE"].intValue == 0)]
                .columns.append(column)
        }
        for (table, byName) in indexes {
            for (name, index) in byName {
                if name == "PRIMARY" {
                    tables[table]?.primaryKey = index.columns
                } else {
                    tables[table]?.indexes.append(index)
                }
            }
        }
        var foreignKeys: [String: [String: ForeignKeySchema]] = [:]
        for row in try query(Self.foreignKeysSQL) {
            let table = row["TABLE_NAME"].stringValue ?? ""
            let name = row["CONSTRAINT_NAME"].stringValue ?? ""
            foreignKeys[table, default: [:]][name, default: ForeignKeySchema(
                columns: [], referencedTable: row["REFERENCED_TABLE_NAME"].stringValue ?? "", referencedColumns: [],
                name: name, onUpdate: Self.nonDefaultAction(row["UPDATE_RULE"].stringValue),
                onDelete: Self.nonDefaultAction(row["DELETE_RULE"].stringValue))]
                .append(column: row["COLUMN_NAME"].stringValue ?? "",
                        referencing: row["REFERENCED_COLUMN_NAME"].stringValue ?? "")
        }
        for (table, byName) in foreignKeys {
            tables[table]?.foreignKeys.append(contentsOf: byName.values)
        }
        for row in try query(Self.checksSQL) {
            let table = row["TABLE_NAME"].stringValue ?? ""
            let expression = row["CHECK_CLAUSE"].stringValue ?? ""
            tables[table]?.checks.append(expression)
            if let name = row["CONSTRAINT_NAME"].stringValue { tables[table]?.checkNames[name] = expression }
        }
        let triggers = try query(Self.triggersSQL).map { row in
            TriggerSchema(name: row["TRIGGER_NAME"].stringValue ?? "",
                          table: row["EVENT_OBJECT_TABLE"].stringValue ?? "",
                          timing: [row["ACTION_TIMING"], row["EVENT_MANIPULATION"]].compactMap(\.stringValue)
                            .joined(separator: " "))
        }
        let views = try query("""
            SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'VIEW'
            """).compactMap { $0["TABLE_NAME"].stringValue }
        return Schema(tables: tables.map { $0.value.table(named: $0.key) }, triggers: triggers, views: views)
    }

    // MARK: - Catalog queries

    static let tablesSQL = """
        SELECT t.TABLE_NAME, t.ENGINE, t.TABLE_COLLATION, t.ROW_FORMAT, c.CHARACTER_SET_NAME
        FROM information_schema.TABLES t
        LEFT JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY c ON c.COLLATION_NAME = t.TABLE_COLLATION
        WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'
        """

    static let columnsSQL = """
        SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLLATION_NAME, EXTRA
        FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE()
        ORDER BY TABLE_NAME, ORDINAL_POSITION
        """

    /// A prefix index column (`KEY (name(10))`) is reported as `name(10)`.
    static let indexesSQL = """
        SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART
        FROM information_schema.STATISTICS
        WHERE TABLE_SCHEMA = DATABASE()
        ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
        """

    static let foreignKeysSQL = """
        SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,
               r.UPDATE_RULE, r.DELETE_RULE
        FROM information_schema.KEY_COLUMN_USAGE k
        JOIN information_schema.REFERENTIAL_CONSTRAINTS r
          ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME
         AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
        WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
        ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION
        """

    static let checksSQL = """
        SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE
        FROM information_schema.CHECK_CONSTRAINTS
        WHERE CONSTRAINT_SCHEMA = DATABASE()
        """

    static let triggersSQL = """
        SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION
        FROM information_schema.TRIGGERS
        WHERE TRIGGER_SCHEMA = DATABASE()
        """

    // MARK: - Normalisation

    /// `int(11)` → `INTEGER`, `tinyint(1)` → `BOOLEAN`, `decimal(10,0)` → `NUMERIC(10,0)`,
    /// `int(10) unsigned` → `INTEGER UNSIGNED`; enums keep their value list; anything else is uppercased.
    static func normalisedType(_ columnType: String) -> String {
        let text = columnType.trimmedOfWhitespace
        if text.lowercased().hasPrefix("enum(") || text.lowercased().hasPrefix("set(") {
            let open = text.firstIndex(of: "(")!
            return text[..<open].uppercased() + text[open...]
        }
        var words = text.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return text }
        let head = words.removeFirst().lowercased()
        let suffix = words.isEmpty ? "" : " " + words.joined(separator: " ").uppercased()
        let base = head.split(separator: "(", maxSplits: 1).first.map(String.init) ?? head
        let arguments = head.dropFirst(base.count)  // "(11)", "(10,0)" or ""
        switch base {
        case "int", "integer": return "INTEGER" + suffix
        case "bigint": return "BIGINT" + suffix
        case "smallint": return "SMALLINT" + suffix
        case "mediumint": return "MEDIUMINT" + suffix
        // SQLAlchemy's Boolean is tinyint(1) on MySQL (BOOL is an alias of it).
        case "tinyint": return (arguments == "(1)" && suffix.isEmpty ? "BOOLEAN" : "TINYINT") + suffix
        case "decimal", "numeric": return "NUMERIC" + arguments.uppercased() + suffix
        default: return head.uppercased() + suffix
        }
    }

    /// MariaDB reports a nullable column without a default as the text `NULL`; that is no default.
    static func normalisedDefault(_ text: String) -> String? {
        text == "NULL" ? nil : text
    }

    /// InnoDB reports `RESTRICT` for a foreign key declared without an action (MySQL's `NO ACTION` is the same).
    static func nonDefaultAction(_ rule: String?) -> String? {
        guard let rule, rule != "RESTRICT", rule != "NO ACTION" else { return nil }
        return rule
    }
}

private extension ForeignKeySchema {
    mutating func append(column: String, referencing referenced: String) {
        columns.append(column)
        referencedColumns.append(referenced)
    }
}

/// A table's facts as they are gathered from separate catalog queries.
private struct MySQLTableParts {
    var columns: [ColumnSchema] = []
    var primaryKey: [String] = []
    var indexes: [IndexSchema] = []
    var foreignKeys: [ForeignKeySchema] = []
    var checks: [String] = []
    var checkNames: [String: String] = [:]
    var options: TableOptions?

    func table(named name: String) -> TableSchema {
        TableSchema(name: name, columns: columns, primaryKey: primaryKey, indexes: indexes, foreignKeys: foreignKeys,
                    checks: checks, checkNames: checkNames, options: options)
    }
}
