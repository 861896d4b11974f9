/// An error reported by a database driver. It carries the driver's code (SQLite result code, PostgreSQL
/// SQLSTATE, or MySQL error number with its SQLSTATE alongside) and the statement, never connection credentials.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        case cannotConnect
        case statementFailed
        case readOnly
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
}
