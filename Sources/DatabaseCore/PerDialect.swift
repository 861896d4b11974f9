/// One value for each dialect, chosen by the dialect at hand: an n-way table, so that a new dialect is one
/// more entry (the compiler finds every table that lacks it) rather than one more branch in every caller.
///
/// ```swift
/// let hex = PerDialect(sqlite: "hex(meta_data)", postgresql: "upper(encode(meta_data, 'hex'))")
/// try database.query("SELECT \(hex[database.dialect]) FROM image_locations")
/// ```
public struct PerDialect<Value: Sendable>: Sendable {
    private let sqlite: Value
    private let postgresql: Value
    private let mysql: Value

    public init(sqlite: Value, postgresql: Value, mysql: Value) {
        self.sqlite = sqlite
        self.postgresql = postgresql
        self.mysql = mysql
    }

    /// The same value on every dialect.
    public init(all value: Value) {
        self.init(sqlite: value, postgresql: value, mysql: value)
    }

    public subscript(dialect: Dialect) -> Value {
        switch dialect {
        case .sqlite: return sqlite
        case .postgresql: return postgresql
        case .mysql: return mysql
        }
    }

    /// Every dialect's value transformed by `transform`.
    public func map<T>(_ transform: (Value) throws -> T) rethrows -> PerDialect<T> {
        PerDialect<T>(sqlite: try transform(sqlite), postgresql: try transform(postgresql), mysql: try transform(mysql))
    }
}

extension PerDialect: Equatable where Value: Equatable {}
extension PerDialect: Hashable where Value: Hashable {}
