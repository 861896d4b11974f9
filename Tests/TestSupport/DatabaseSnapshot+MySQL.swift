import DatabaseCore

extension DatabaseSnapshot {
    /// A MySQL database's catalog (tables with engine, collation and AUTO_INCREMENT counter, columns, indexes,
    /// foreign keys, CHECKs, triggers with their statements, views) and every row of every base table.
    static func mysqlContents(of db: any Database) throws -> [String: [[String]]] {
        var contents: [String: [[String]]] = [:]
        func read(_ key: String, _ sql: String) throws {
            contents[key] = try db.query(sql).map { row in row.values.map(Self.text) }
                .sorted { $0.lexicographicallyPrecedes($1) }
        }
        for (key, sql) in mysqlCatalogQueries { try read(key, sql) }
        for table in contents["tables"] ?? [] where table[1] == "BASE TABLE" {
            try read("table \(table[0])", "SELECT * FROM \(db.dialect.quote(table[0]))")
        }
        return contents
    }

    static let mysqlCatalogQueries: [(String, String)] = [
        ("tables", """
            SELECT TABLE_NAME, TABLE_TYPE, COALESCE(ENGINE, ''), COALESCE(TABLE_COLLATION, ''),
                   COALESCE(CAST(AUTO_INCREMENT AS CHAR), '') FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE()
            """),
        ("columns", """
            SELECT TABLE_NAME, COLUMN_NAME, CAST(ORDINAL_POSITION AS CHAR), COLUMN_TYPE, IS_NULLABLE,
                   COALESCE(COLUMN_DEFAULT, ''), COALESCE(COLLATION_NAME, ''), EXTRA
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
            """),
        ("indexes", """
            SELECT TABLE_NAME, INDEX_NAME, CAST(NON_UNIQUE AS CHAR), CAST(SEQ_IN_INDEX AS CHAR), COLUMN_NAME
            FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
            """),
        ("foreign keys", """
            SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
            FROM information_schema.KEY_COLUMN_USAGE
            WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
            """),
        ("checks", """
            SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS
            WHERE CONSTRAINT_SCHEMA = DATABASE()
            """),
        ("triggers", """
            SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT
            FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
            """),
        ("views", """
            SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()
            """),
    ]
}
