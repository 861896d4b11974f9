/// The SQL dialects glance-bridge speaks. Dialect facts are properties here (or requirements of `Database`
/// and of the renderers), not `if` checks elsewhere; every fact is an exhaustive switch, so a new dialect
/// cannot be added without deciding each one.
public enum Dialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgresql

    public var description: String { rawValue }

    /// Whether enum types are first-class named types (`CREATE TYPE … AS ENUM`).
    public var hasNamedEnumTypes: Bool {
        switch self {
        case .sqlite: return false
        case .postgresql: return true
        }
    }

    /// The clause that reads rows in the order they were inserted, appended to a SELECT; empty where the
    /// table's order is the primary key's anyway. Alembic's multi-head rows are listed in insertion order.
    public var insertionOrderClause: String {
        switch self {
        case .sqlite: return " ORDER BY rowid"
        case .postgresql: return ""
        }
    }

    /// How `--sql` finds the statements of an upgrade without changing the database.
    public var offlineSQLStrategy: OfflineSQLStrategy {
        switch self {
        // Table rebuilds read the live shape of the table, which a legacy database may not share with any
        // simulated state: run the upgrade on a private in-memory copy and print what ran.
        case .sqlite: return .runOnPrivateCopy
        case .postgresql: return .renderFromVersionRows
        }
    }

    /// Quotes an identifier so that no name from a config file or a database is ever pasted raw into SQL.
    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }

    /// Quotes a string literal.
    public func literal(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }
}

/// How `--sql` produces the statements of an upgrade.
public enum OfflineSQLStrategy: Sendable, Hashable {
    /// Pure rendering from the current version rows: every statement follows from the revisions alone.
    case renderFromVersionRows
    /// Run the upgrade on a private copy of the database and print the statements that ran.
    case runOnPrivateCopy
}
