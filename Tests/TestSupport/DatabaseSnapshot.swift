import DatabaseCore
import Foundation

/// Everything observable about a scratch database. SQLite: the file's bytes. PostgreSQL: the catalog of every
/// user schema (relations, column definitions, index/constraint/trigger/view/function definitions, enum
/// labels, sequence positions) and every row of every table. MySQL: the same from `information_schema` for the
/// scratch database (tables with engine, collation and options, columns, indexes, constraints, CHECK clauses,
/// foreign keys, triggers, views, routines) and every row of every table; not the AUTO_INCREMENT counters,
/// which InnoDB advances even for a rolled-back insert. Equal snapshots before and after a refused
/// command prove it changed nothing: a committed `UPDATE alembic_version` that keeps the row count is caught
/// (`DatabaseSnapshotTests`).
public struct DatabaseSnapshot: Equatable, CustomStringConvertible {
    let bytes: Data?
    /// Each catalog query or table, by name, with its rows sorted (table order is not content).
    let contents: [String: [[String]]]

    public init(_ scratch: ScratchDatabase) throws {
        if let path = scratch.sqlitePath {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            contents = [:]
            return
        }
        bytes = nil
        let db = try scratch.connect()
        var contents: [String: [[String]]] = [:]
        func read(_ key: String, _ sql: String) throws {
            contents[key] = try db.query(sql).map { row in row.values.map(Self.text) }
                .sorted { $0.lexicographicallyPrecedes($1) }
        }
        if scratch.backend == .mysql {
            self.contents = try Self.mysqlContents(db)
            return
        }
        for (key, sql) in Self.catalogQueries { try read(key, sql) }
        for relation in contents["relations"] ?? [] where ["r", "p", "S"].contains(relation[2]) {
            let name = db.dialect.quote(relation[0]) + "." + db.dialect.quote(relation[1])
            try read("\(relation[2] == "S" ? "sequence" : "table") \(name)",
                     relation[2] == "S" ? "SELECT last_value, is_called FROM \(name)" : "SELECT * FROM \(name)")
        }
        self.contents = contents
    }

    /// The database a MySQL connection is using (a Galera node's, for instance), read as for a scratch database.
    public init(mysql db: any Database) throws {
        bytes = nil
        contents = try Self.mysqlContents(db)
    }

    static func mysqlContents(_ db: any Database) throws -> [String: [[String]]] {
        var contents: [String: [[String]]] = [:]
        func read(_ key: String, _ sql: String) throws {
            contents[key] = try db.query(sql).map { row in row.values.map(Self.text) }
                .sorted { $0.lexicographicallyPrecedes($1) }
        }
        for (key, sql) in Self.mysqlCatalogQueries { try read(key, sql) }
        for relation in contents["relations"] ?? [] where relation[1] == "BASE TABLE" {
            try read("table \(relation[0])", "SELECT * FROM \(db.dialect.quote(relation[0]))")
        }
        return contents
    }

    /// Keeps NULL apart from the text "NULL".
    static func text(_ value: SQLValue) -> String {
        if case .null = value { return "\u{0}NULL" }
        return value.description
    }

    /// The condition for "a user schema" on `column`, written after the column.
    static func user(_ column: String) -> String {
        "NOT IN ('pg_catalog', 'information_schema')"
            + " AND \(column) NOT LIKE 'pg\\_toast%' AND \(column) NOT LIKE 'pg\\_temp%'"
    }

    static let catalogQueries: [(String, String)] = [
        ("relations", """
            SELECT n.nspname, c.relname, c.relkind::text, c.relpersistence::text FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname \(user("n.nspname"))
            """),
        ("columns", """
            SELECT table_schema, table_name, column_name, ordinal_position::text, data_type, udt_name,
                   coalesce(character_maximum_length::text, ''), coalesce(column_default, ''), is_nullable
            FROM information_schema.columns WHERE table_schema \(user("table_schema"))
            """),
        ("indexes", "SELECT schemaname, indexname, indexdef FROM pg_indexes WHERE schemaname \(user("schemaname"))"),
        ("constraints", """
            SELECT n.nspname, c.conname, c.conrelid::regclass::text, pg_get_constraintdef(c.oid) FROM pg_constraint c
            JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname \(user("n.nspname"))
            """),
        ("triggers", """
            SELECT t.tgname, pg_get_triggerdef(t.oid), t.tgenabled::text FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND n.nspname \(user("n.nspname"))
            """),
        ("views", "SELECT schemaname, viewname, definition FROM pg_views WHERE schemaname \(user("schemaname"))"),
        ("functions", """
            SELECT n.nspname, p.proname, pg_get_functiondef(p.oid) FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind = 'f' AND n.nspname \(user("n.nspname"))
            """),
        ("enums", """
            SELECT n.nspname, t.typname, e.enumlabel, e.enumsortorder::text FROM pg_enum e
            JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
            """),
    ]

    /// MySQL's catalog of the connection's database (`DATABASE()`); names first, so that `relations` rows
    /// start with the table name.
    static let mysqlCatalogQueries: [(String, String)] = [
        ("relations", """
            SELECT table_name, table_type, coalesce(engine, ''), coalesce(table_collation, ''),
                   coalesce(create_options, ''), coalesce(table_comment, '')
            FROM information_schema.tables WHERE table_schema = DATABASE()
            """),
        ("columns", """
            SELECT table_name, column_name, ordinal_position, column_type, column_default,
                   is_nullable, coalesce(collation_name, ''), extra, column_comment
            FROM information_schema.columns WHERE table_schema = DATABASE()
            """),
        ("indexes", """
            SELECT table_name, index_name, non_unique, seq_in_index, column_name, coalesce(sub_part, ''),
                   index_type
            FROM information_schema.statistics WHERE table_schema = DATABASE()
            """),
        ("constraints", """
            SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints
            WHERE constraint_schema = DATABASE()
            """),
        ("checks", """
            SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints
            WHERE constraint_schema = DATABASE()
            """),
        ("foreign keys", """
            SELECT r.table_name, r.constraint_name, r.referenced_table_name, r.update_rule, r.delete_rule,
                   k.column_name, k.ordinal_position, k.referenced_column_name
            FROM information_schema.referential_constraints r JOIN information_schema.key_column_usage k
              ON k.constraint_schema = r.constraint_schema AND k.constraint_name = r.constraint_name
             AND k.table_name = r.table_name
            WHERE r.constraint_schema = DATABASE()
            """),
        ("triggers", """
            SELECT trigger_name, event_manipulation, event_object_table, action_timing, action_order,
                   action_statement, sql_mode
            FROM information_schema.triggers WHERE trigger_schema = DATABASE()
            """),
        ("views", """
            SELECT table_name, view_definition FROM information_schema.views WHERE table_schema = DATABASE()
            """),
        ("routines", """
            SELECT routine_name, routine_type, routine_definition FROM information_schema.routines
            WHERE routine_schema = DATABASE()
            """),
    ]

    public var description: String {
        if let bytes { return "SQLite file, \(bytes.count) bytes" }
        return contents.keys.sorted().map { "\($0): \(contents[$0]!.map { $0.joined(separator: "|") })" }
            .joined(separator: "\n")
    }
}
