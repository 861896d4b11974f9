/// The SQL dialects glance-bridge speaks. Dialect facts are properties here (or requirements of `Database`
/// and of the renderers), not `if` checks elsewhere; every fact is an exhaustive switch, so a new dialect
/// cannot be added without deciding each one.
public enum Dialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgresql
    /// MySQL and MariaDB (one dialect: glance-bridge uses only SQL both accept).
    case mysql

    public var description: String { rawValue }

    /// Whether enum types are first-class named types (`CREATE TYPE … AS ENUM`).
    public var hasNamedEnumTypes: Bool {
        switch self {
        case .sqlite, .mysql: return false
        case .postgresql: return true
        }
    }

    /// Whether DDL takes part in transactions: whether a revision's CREATE/ALTER/DROP statements roll back
    /// with it. SQLite (through the C API) and PostgreSQL: yes, so a revision is applied whole or not at all.
    /// MySQL/MariaDB commit implicitly before and after every DDL statement, so a run that dies inside a
    /// revision leaves the statements before that point in place; the migrator then recognises how far the
    /// revision got from the live schema and resumes it (`Migrator.partialRevision`).
    public var hasTransactionalDDL: Bool {
        switch self {
        case .sqlite, .postgresql: return true
        case .mysql: return false
        }
    }

    /// Where DDL is not transactional, the query whose single value says whether a transaction is still open:
    /// MySQL ends the transaction at a DDL statement and the session goes back to autocommit, so the
    /// statements after it would each commit alone. Nil where DDL cannot end a transaction.
    public var openTransactionQuery: String? {
        switch self {
        case .sqlite, .postgresql: return nil
        case .mysql: return "SELECT @@in_transaction" // MariaDB 10.3+, MySQL 5.7+
        }
    }

    /// The clause that reads rows in the order they were inserted, appended to a SELECT; empty where the
    /// table's order is the primary key's anyway. Alembic's multi-head rows are listed in insertion order.
    public var insertionOrderClause: String {
        switch self {
        case .sqlite: return " ORDER BY rowid"
        // InnoDB returns rows in primary-key order, which is also what Alembic itself reads there.
        case .postgresql, .mysql: return ""
        }
    }

    /// Quotes an identifier so that no name from a config file or a database is ever pasted raw into SQL.
    /// MySQL quotes with backticks (double quotes are string delimiters unless `ANSI_QUOTES` is set).
    public func quote(_ identifier: String) -> String {
        switch self {
        case .mysql: return "`" + Self.doubling("`", in: identifier) + "`"
        case .sqlite, .postgresql: return "\"" + Self.doubling("\"", in: identifier) + "\""
        }
    }

    /// Quotes a string literal. MySQL treats a backslash in a literal as an escape (unless the session sets
    /// `NO_BACKSLASH_ESCAPES`, which Glance's `TRADITIONAL` mode does not), so it is doubled there too.
    public func literal(_ text: String) -> String {
        switch self {
        case .mysql: return "'" + Self.doubling("'", in: Self.doubling("\\", in: text)) + "'"
        case .sqlite, .postgresql: return "'" + Self.doubling("'", in: text) + "'"
        }
    }

    /// `text` with every `quote` written twice. By hand: `replacing(_:with:)` lives in the _StringProcessing
    /// module, which `db version` would page in for the version table's quoted name alone (BENCHMARKS.md).
    static func doubling(_ quote: Character, in text: String) -> String {
        guard text.contains(quote) else { return text }
        var result = ""
        for character in text {
            result.append(character)
            if character == quote { result.append(character) }
        }
        return result
    }
}
