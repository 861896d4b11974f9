/// The SQL dialects glance-bridge speaks. Dialect facts are properties here, not `if` checks elsewhere.
public enum Dialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgresql

    public var description: String { rawValue }

    /// DDL inside a transaction rolls back with the transaction. True for both: through the C API SQLite
    /// rolls back CREATE/ALTER/DROP (Alembic's "non-transactional" claim comes from Python's driver);
    /// `DatabaseCoreTests` proves it for both backends.
    public var supportsTransactionalDDL: Bool { true }

    /// Whether `ALTER TABLE … ALTER COLUMN` / `DROP COLUMN` exist; SQLite needs a table rebuild instead.
    public var canAlterColumns: Bool { self == .postgresql }

    /// Whether enum types are first-class named types (`CREATE TYPE … AS ENUM`).
    public var hasNamedEnumTypes: Bool { self == .postgresql }

    /// Quotes an identifier so that no name from a config file or a database is ever pasted raw into SQL.
    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }

    /// Quotes a string literal.
    public func literal(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }
}
