import DatabaseCore

extension PostgresDatabase {
    /// Reads the tables, enum types and triggers of `current_schema()` from the system catalogs into the
    /// dialect-neutral model, normalising PostgreSQL's wording so that it compares with SQLite's:
    /// `character varying(36)` becomes `VARCHAR(36)`, `'shared'::image_visibility` becomes `'shared'`,
    /// `false` becomes `0`, and a serial column's `nextval(…)` default is not reported.
    /// - Throws: `DatabaseError` if a catalog query fails, or if `search_path` names no existing schema
    ///   (a `pg_dump` script sets it to `''`), since an empty answer would then look like an empty database.
    public func introspect() throws -> Schema {
        guard try query("SELECT current_schema() AS name").first?["name"].stringValue != nil else {
            throw DatabaseError(kind: .statementFailed, code: "3F000",
                                message: "cannot introspect: search_path names no existing schema (current_schema() is NULL)")
        }
        var tables: [String: TableParts] = [:]
        for row in try query("""
            SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
            """) {
            tables[row["relname"].stringValue ?? ""] = TableParts()
        }
        for row in try query(Self.columnsSQL) {
            let table = row["table_name"].stringValue ?? ""
            tables[table]?.columns.append(ColumnSchema(
                name: row["column_name"].stringValue ?? "",
                type: Self.normalisedType(row["formatted_type"].stringValue ?? "",
                                          typeName: row["type_name"].stringValue ?? "",
                                          isEnum: row["type_kind"].stringValue == "e"),
                isNullable: row["not_null"].boolValue == false,
                defaultValue: row["default_expression"].stringValue.flatMap(Self.normalisedDefault)))
        }
        for row in try query(Self.constraintsSQL) {
            let table = row["table_name"].stringValue ?? ""
            let columns = Self.names(row["columns"])
            switch row["kind"].stringValue {
            case "p":
                tables[table]?.primaryKey = columns
            case "u":
                tables[table]?.uniques.append(UniqueConstraintSchema(name: row["name"].stringValue, columns: columns))
            case "f":
                tables[table]?.foreignKeys.append(ForeignKeySchema(
                    columns: columns, referencedTable: row["referenced_table"].stringValue ?? "",
                    referencedColumns: Self.names(row["referenced_columns"])))
            case "c":
                tables[table]?.checks.append(Self.checkExpression(row["definition"].stringValue ?? ""))
            default:
                continue
            }
        }
        for row in try query(Self.indexesSQL) {
            let table = row["table_name"].stringValue ?? ""
            tables[table]?.indexes.append(IndexSchema(name: row["index_name"].stringValue ?? "",
                                                      columns: Self.names(row["columns"]),
                                                      isUnique: row["is_unique"].boolValue == true))
        }
        let enumTypes = try query("""
            SELECT t.typname, string_agg(e.enumlabel, chr(31) ORDER BY e.enumsortorder) AS labels
            FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
            WHERE n.nspname = current_schema()
            GROUP BY t.typname
            """).map { EnumTypeSchema(name: $0["typname"].stringValue ?? "", values: Self.names($0["labels"])) }
        let triggers = try query("""
            SELECT tg.tgname, c.relname
            FROM pg_catalog.pg_trigger tg
            JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND NOT tg.tgisinternal
            """).map { TriggerSchema(name: $0["tgname"].stringValue ?? "", table: $0["relname"].stringValue ?? "") }
        let views = try query("""
            SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm')
            """).compactMap { $0["relname"].stringValue }
        return Schema(tables: tables.map { $0.value.table(named: $0.key) }, enumTypes: enumTypes, triggers: triggers,
                      views: views)
    }

    // MARK: - Catalog queries
    // Multi-column lists are aggregated with chr(31) (unit separator), a character no identifier contains.

    static let columnsSQL = """
        SELECT c.relname AS table_name, a.attname AS column_name, a.attnotnull AS not_null,
               pg_catalog.format_type(a.atttypid, a.atttypmod) AS formatted_type,
               t.typname AS type_name, t.typtype AS type_kind,
               pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_expression
        FROM pg_catalog.pg_attribute a
        JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum
        """

    static let constraintsSQL = """
        SELECT con.conname AS name, con.contype AS kind, c.relname AS table_name, rc.relname AS referenced_table,
               (SELECT string_agg(a.attname, chr(31) ORDER BY k.ord)
                FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
               (SELECT string_agg(a.attname, chr(31) ORDER BY k.ord)
                FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS referenced_columns,
               pg_catalog.pg_get_constraintdef(con.oid) AS definition
        FROM pg_catalog.pg_constraint con
        JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
        WHERE n.nspname = current_schema() AND con.contype IN ('p', 'u', 'f', 'c')
        """

    /// Indexes that back a PRIMARY KEY or UNIQUE constraint are reported as that constraint instead.
    /// (`conindid` is also set on foreign keys, pointing at the referenced table's index, hence the contype filter.)
    /// Expression columns come back as their expression text; INCLUDE columns are left out.
    static let indexesSQL = """
        SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique,
               (SELECT string_agg(COALESCE(a.attname, pg_catalog.pg_get_indexdef(ix.indexrelid, k.ord::int, true)),
                                  chr(31) ORDER BY k.ord)
                FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum AND k.attnum > 0
                WHERE k.ord <= ix.indnkeyatts) AS columns
        FROM pg_catalog.pg_index ix
        JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
        JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND t.relkind IN ('r', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                          WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u'))
        """

    // MARK: - Normalisation

    /// `character varying(255)` → `VARCHAR(255)`, `timestamp without time zone` → `DATETIME`, an enum → `ENUM(name)`;
    /// anything else is `format_type`'s text uppercased.
    static func normalisedType(_ formatted: String, typeName: String, isEnum: Bool) -> String {
        if isEnum { return "ENUM(\(typeName))" }
        let varcharPrefix = "character varying"
        if formatted.hasPrefix(varcharPrefix) { return "VARCHAR" + formatted.dropFirst(varcharPrefix.count) }
        switch formatted {
        case "text": return "TEXT"
        case "integer": return "INTEGER"
        case "bigint": return "BIGINT"
        case "smallint": return "SMALLINT"
        case "boolean": return "BOOLEAN"
        case "timestamp without time zone": return "DATETIME"
        case "numeric": return "NUMERIC"
        default: return formatted.uppercased()
        }
    }

    /// `'active'::character varying` → `'active'`, `false` → `0`, `true` → `1`; a serial's `nextval(…)` → nil.
    static func normalisedDefault(_ expression: String) -> String? {
        let text = expression.trimmedOfWhitespace
        if text.hasPrefix("nextval(") { return nil }
        switch text {
        case "false": return "0"
        case "true": return "1"
        default: return withoutCasts(text)
        }
    }

    /// Removes trailing `::type` casts at the top level (`('now'::text)::date` → `'now'`), but only when what
    /// follows the first `::` is nothing but type names, so that `'a'::text || 'b'::text` is left alone.
    static func withoutCasts(_ expression: String) -> String {
        let chars = Array(expression)
        var depth = 0
        var inQuote = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuote {
                if c == "'" { inQuote = false }
            } else if c == "'" {
                inQuote = true
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
            } else if c == ":", depth == 0, i + 1 < chars.count, chars[i + 1] == ":" {
                let rest = chars[(i + 2)...]
                let isTypeChain = rest.allSatisfy { $0.isLetter || $0.isNumber || " _.\"()[],:".contains($0) }
                guard isTypeChain, i > 0 else { return expression }
                var head = String(chars[..<i]).trimmedOfWhitespace
                if head.hasPrefix("("), head.hasSuffix(")"), enclosedInOneParenthesis(head) {
                    head = String(head.dropFirst().dropLast())
                }
                head = withoutCasts(head)
                // PostgreSQL keeps a negative number default as `'-1'::integer`; SQLite reports `-1`.
                let castType = String(rest).split(separator: ":").first.map { String($0).trimmedOfWhitespace } ?? ""
                if numericTypes.contains(castType), head.count > 2, head.hasPrefix("'"), head.hasSuffix("'"),
                   Double(head.dropFirst().dropLast()) != nil {
                    head = String(head.dropFirst().dropLast())
                }
                return head
            }
            i += 1
        }
        return expression
    }

    private static let numericTypes: Set<String> = ["integer", "bigint", "smallint", "numeric", "real", "double precision"]

    /// Whether the first `(` of `text` closes only at its last character.
    private static func enclosedInOneParenthesis(_ text: String) -> Bool {
        var depth = 0
        var inQuote = false
        for (offset, c) in text.enumerated() {
            if inQuote { if c == "'" { inQuote = false }; continue }
            if c == "'" { inQuote = true } else if c == "(" { depth += 1 } else if c == ")" {
                depth -= 1
                if depth == 0 { return offset == text.count - 1 }
            }
        }
        return false
    }

    /// `CHECK ((deleted = ANY (ARRAY[0, 1])))` → `(deleted = ANY (ARRAY[0, 1]))`.
    static func checkExpression(_ definition: String) -> String {
        var text = definition.trimmedOfWhitespace
        if text.hasSuffix(" NOT VALID") { text = String(text.dropLast(" NOT VALID".count)) }
        guard text.hasPrefix("CHECK ("), text.hasSuffix(")") else { return text }
        return String(text.dropFirst("CHECK (".count).dropLast())
    }

    static func names(_ value: SQLValue) -> [String] {
        guard let text = value.stringValue, !text.isEmpty else { return [] }
        return text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
    }
}

/// A table's facts as they are gathered from separate catalog queries.
private struct TableParts {
    var columns: [ColumnSchema] = []
    var primaryKey: [String] = []
    var indexes: [IndexSchema] = []
    var uniques: [UniqueConstraintSchema] = []
    var foreignKeys: [ForeignKeySchema] = []
    var checks: [String] = []

    func table(named name: String) -> TableSchema {
        TableSchema(name: name, columns: columns, primaryKey: primaryKey, indexes: indexes,
                    uniqueConstraints: uniques, foreignKeys: foreignKeys, checks: checks)
    }
}
