/// An error reported by a database driver. It carries the driver's code (SQLite result code or
/// PostgreSQL SQLSTATE) and the statement, never connection credentials.
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

    public init(kind: Kind, code: String, message: String, sql: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String { message }
}
