/// An error reported by a database driver. It carries the driver's code (SQLite result code, PostgreSQL
/// SQLSTATE, or MySQL error number with its SQLSTATE alongside) and the statement, never connection credentials.
public struct DatabaseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, classified by the driver from its own codes, so callers never read codes.
    public enum Kind: Sendable, Equatable {
        case cannotConnect
        /// Any other failure of a statement (syntax, a missing table, a CHECK or NOT NULL constraint).
        case statementFailed
        /// A row still referenced, or a reference to no row: oslo.db's `DBReferenceError`.
        case foreignKeyViolation
        /// A duplicate key: oslo.db's `DBDuplicateEntry`.
        case uniqueViolation
        /// The server or file accepts no writes.
        case readOnly
        /// Lock not available: another connection holds what the statement needs (or a deadlock).
        case busy
    }

    public let kind: Kind
    public let code: String
    public let message: String
    public let sql: String?
    /// MySQL only: the SQLSTATE that goes with the error number in `code` (`42S02` for 1146).
    public let sqlState: String?

    public init(kind: Kind, code: String, message: String, sql: String? = nil, sqlState: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.sql = sql
        self.sqlState = sqlState
    }

    public var description: String { message }

    /// Whether the statement itself was refused (as opposed to the connection, a lock or a read-only
    /// server): the failures a caller may skip one input for.
    public var isStatementFailure: Bool {
        switch kind {
        case .statementFailed, .foreignKeyViolation, .uniqueViolation: return true
        case .cannotConnect, .readOnly, .busy: return false
        }
    }
}
