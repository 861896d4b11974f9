import DatabaseCore

extension SQLiteDatabase {
    /// Reads the schema through `PRAGMA table_info/index_list/index_info/foreign_key_list`; UNIQUE constraint
    /// names and CHECK expressions are parsed from the stored CREATE TABLE text, which is where SQLite keeps them.
    public func introspect() throws -> Schema {
        let tables = try query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        var result: [TableSchema] = []
        for row in tables {
            let name = row["name"].stringValue ?? ""
            result.append(try introspectTable(name, createSQL: row["sql"].stringValue ?? ""))
        }
        let triggers = try query("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'").map {
            TriggerSchema(name: $0["name"].stringValue ?? "", table: $0["tbl_name"].stringValue ?? "")
        }
        let views = try query("SELECT name FROM sqlite_master WHERE type = 'view'").compactMap { $0["name"].stringValue }
        return Schema(tables: result, triggers: triggers, views: views)
    }

    public func introspectTable(_ name: String) throws -> TableSchema? {
        guard let row = try query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(name)]).first else {
            return nil
        }
        return try introspectTable(name, createSQL: row["sql"].stringValue ?? "")
    }

    func introspectTable(_ name: String, createSQL: String) throws -> TableSchema {
        let quoted = dialect.literal(name)
        var columns: [ColumnSchema] = []
        var primaryKey: [(Int64, String)] = []
        for c in try query("SELECT * FROM pragma_table_info(\(quoted))") {
            let columnName = c["name"].stringValue ?? ""
            columns.append(ColumnSchema(name: columnName, type: (c["type"].stringValue ?? "").uppercased(),
                                        isNullable: c["notnull"].intValue == 0,
                                        defaultValue: c["dflt_value"].stringValue))
            if let pk = c["pk"].intValue, pk > 0 { primaryKey.append((pk, columnName)) }
        }
        let namedUniques = Self.namedUniqueConstraints(in: createSQL)
        var indexes: [IndexSchema] = []
        var uniques: [UniqueConstraintSchema] = []
        for index in try query("SELECT * FROM pragma_index_list(\(quoted))") {
            let indexName = index["name"].stringValue ?? ""
            let origin = index["origin"].stringValue ?? "c"
            let cols = try query("SELECT name FROM pragma_index_info(\(dialect.literal(indexName))) ORDER BY seqno")
                .map { $0["name"].stringValue ?? "" }
            switch origin {
            case "pk": continue
            case "u": uniques.append(UniqueConstraintSchema(name: namedUniques[cols], columns: cols))
            default: indexes.append(IndexSchema(name: indexName, columns: cols, isUnique: index["unique"].intValue == 1))
            }
        }
        var foreignKeys: [Int64: ForeignKeySchema] = [:]
        for fk in try query("SELECT * FROM pragma_foreign_key_list(\(quoted)) ORDER BY id, seq") {
            let id = fk["id"].intValue ?? 0
            var entry = foreignKeys[id] ?? ForeignKeySchema(columns: [], referencedTable: fk["table"].stringValue ?? "", referencedColumns: [])
            entry.columns.append(fk["from"].stringValue ?? "")
            entry.referencedColumns.append(fk["to"].stringValue ?? "")
            foreignKeys[id] = entry
        }
        return TableSchema(name: name, columns: columns, primaryKey: primaryKey.sorted { $0.0 < $1.0 }.map(\.1),
                           indexes: indexes, uniqueConstraints: uniques,
                           foreignKeys: Array(foreignKeys.values), checks: Self.checkExpressions(in: createSQL))
    }

    /// `CONSTRAINT name UNIQUE (a, b)` clauses, keyed by their column list.
    static func namedUniqueConstraints(in sql: String) -> [[String]: String] {
        var result: [[String]: String] = [:]
        let tokens = SQLTokens(sql)
        var i = 0
        while i + 3 < tokens.count {
            if tokens[i].uppercased() == "CONSTRAINT", tokens[i + 2].uppercased() == "UNIQUE", tokens[i + 3] == "(" {
                var cols: [String] = []
                var j = i + 4
                while j < tokens.count, tokens[j] != ")" {
                    if tokens[j] != "," { cols.append(unquote(tokens[j])) }
                    j += 1
                }
                result[cols] = unquote(tokens[i + 1])
                i = j
            }
            i += 1
        }
        return result
    }

    /// The text inside every `CHECK (…)`, with runs of whitespace collapsed (as `sqlite_struct.py` does).
    static func checkExpressions(in sql: String) -> [String] {
        var result: [String] = []
        let chars = Array(sql)
        var i = 0
        while i < chars.count {
            if i + 5 <= chars.count, String(chars[i..<i + 5]).uppercased() == "CHECK",
               i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_") {
                var j = i + 5
                while j < chars.count, chars[j] == " " || chars[j] == "\n" || chars[j] == "\t" { j += 1 }
                if j < chars.count, chars[j] == "(" {
                    var depth = 1
                    var k = j + 1
                    while k < chars.count, depth > 0 {
                        if chars[k] == "(" { depth += 1 } else if chars[k] == ")" { depth -= 1 }
                        k += 1
                    }
                    // Quotes around identifiers are dropped so that `"deleted" IN (0, 1)` and
                    // `deleted IN (0, 1)` describe the same constraint.
                    let body = String(chars[(j + 1)..<(k - 1)]).replacing("\"", with: "")
                    result.append(body.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " "))
                    i = k
                    continue
                }
            }
            i += 1
        }
        return result
    }

    static func unquote(_ identifier: String) -> String {
        guard let first = identifier.first, first == "\"" || first == "`" || first == "[" else { return identifier }
        return String(identifier.dropFirst().dropLast())
    }
}

/// Splits SQL into identifiers/words and single punctuation characters; enough to find constraint clauses.
private func SQLTokens(_ sql: String) -> [String] {
    var tokens: [String] = []
    var current = ""
    var quote: Character?
    for ch in sql {
        if let q = quote {
            current.append(ch)
            if ch == q || (q == "[" && ch == "]") { tokens.append(current); current = ""; quote = nil }
            continue
        }
        if ch == "\"" || ch == "`" || ch == "[" || ch == "'" {
            if !current.isEmpty { tokens.append(current); current = "" }
            quote = ch
            current.append(ch)
        } else if ch.isLetter || ch.isNumber || ch == "_" {
            current.append(ch)
        } else {
            if !current.isEmpty { tokens.append(current); current = "" }
            if !ch.isWhitespace { tokens.append(String(ch)) }
        }
    }
    if !current.isEmpty { tokens.append(current) }
    return tokens
}
