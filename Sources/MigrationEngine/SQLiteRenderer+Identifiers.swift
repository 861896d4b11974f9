/// Identifier quoting as SQLAlchemy's SQLite dialect does it, so the CREATE text SQLite stores is the text a
/// Glance-built database holds (`CREATE TABLE images (\n\tid VARCHAR(36) NOT NULL, …`): a name is quoted only
/// when it needs it. SQLAlchemy's rule (`IdentifierPreparer._requires_quotes`): a reserved word of the
/// dialect, a first character that is a digit or `$`, a character outside ASCII letters, digits, `_` and
/// `$`, or any upper-case letter. Anything else from a config file or a database is therefore still quoted.
extension SQLiteRenderer {
    public func identifier(_ name: String) -> String {
        Self.requiresQuotes(name) ? dialect.quote(name) : name
    }

    static func requiresQuotes(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return true }
        if first == "$" || ("0"..."9").contains(first) { return true }
        let legal = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "$"
        }
        return !legal || reservedWords.contains(name)
    }

    /// `SQLiteIdentifierPreparer.reserved_words` in SQLAlchemy 2.0 (the words SQLite's grammar reserves).
    static let reservedWords: Set<String> = [
        "add", "after", "all", "alter", "analyze", "and", "as", "asc", "attach", "autoincrement", "before",
        "begin", "between", "by", "cascade", "case", "cast", "check", "collate", "column", "commit", "conflict",
        "constraint", "create", "cross", "current_date", "current_time", "current_timestamp", "database",
        "default", "deferrable", "deferred", "delete", "desc", "detach", "distinct", "drop", "each", "else",
        "end", "escape", "except", "exclusive", "exists", "explain", "false", "fail", "for", "foreign", "from",
        "full", "glob", "group", "having", "if", "ignore", "immediate", "in", "index", "indexed", "initially",
        "inner", "insert", "instead", "intersect", "into", "is", "isnull", "join", "key", "left", "like",
        "limit", "match", "natural", "not", "notnull", "null", "of", "offset", "on", "or", "order", "outer",
        "plan", "pragma", "primary", "query", "raise", "references", "reindex", "rename", "replace",
        "restrict", "right", "rollback", "row", "select", "set", "table", "temp", "temporary", "then", "to",
        "transaction", "trigger", "true", "union", "unique", "update", "using", "vacuum", "values", "view",
        "virtual", "when", "where",
    ]
}
