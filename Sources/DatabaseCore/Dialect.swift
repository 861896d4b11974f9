/// The SQL dialects glance-bridge speaks. Dialect facts are properties here, not `if` checks elsewhere.
public enum Dialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgresql
    /// MySQL and MariaDB (one dialect: glance-bridge uses only SQL both accept).
    case mysql

    public var description: String { rawValue }

    /// DDL inside a transaction rolls back with the transaction. True for SQLite and PostgreSQL: through the
    /// C API SQLite rolls back CREATE/ALTER/DROP (Alembic's "non-transactional" claim comes from Python's
    /// driver); `DatabaseCoreTests` proves it for both. MySQL commits implicitly before and after each DDL
    /// statement.
    public var supportsTransactionalDDL: Bool { self != .mysql }

    /// Whether `ALTER TABLE … ALTER COLUMN` / `DROP COLUMN` exist; SQLite needs a table rebuild instead.
    public var canAlterColumns: Bool { self != .sqlite }

    /// Whether enum types are first-class named types (`CREATE TYPE … AS ENUM`).
    public var hasNamedEnumTypes: Bool { self == .postgresql }

    /// Quotes an identifier so that no name from a config file or a database is ever pasted raw into SQL.
    /// MySQL quotes with backticks (double quotes are string delimiters unless `ANSI_QUOTES` is set).
    public func quote(_ identifier: String) -> String {
        switch self {
        case .mysql: return "`" + identifier.replacing("`", with: "``") + "`"
        case .sqlite, .postgresql: return "\"" + identifier.replacing("\"", with: "\"\"") + "\""
        }
    }

    /// Quotes a string literal. MySQL treats a backslash in a literal as an escape (unless the session sets
    /// `NO_BACKSLASH_ESCAPES`, which Glance's `TRADITIONAL` mode does not), so it is doubled there too.
    public func literal(_ text: String) -> String {
        switch self {
        case .mysql: return "'" + text.replacing("\\", with: "\\\\").replacing("'", with: "''") + "'"
        case .sqlite, .postgresql: return "'" + text.replacing("'", with: "''") + "'"
        }
    }
}
