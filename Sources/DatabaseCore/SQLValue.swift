/// A value read from or bound to a SQL statement, independent of the dialect.
public enum SQLValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return v
        case .blob(let v): return "<\(v.count) bytes>"
        }
    }

    public var stringValue: String? {
        switch self {
        case .null: return nil
        case .text(let v): return v
        default: return description
        }
    }

    public var intValue: Int64? {
        switch self {
        case .integer(let v): return v
        case .text(let v): return Int64(v)
        case .real(let v): return Int64(exactly: v)
        default: return nil
        }
    }

    /// Booleans come back as 0/1 from SQLite and as `t`/`f` from PostgreSQL's text protocol.
    public var boolValue: Bool? {
        switch self {
        case .integer(let v): return v != 0
        case .text(let v): return ["t", "true", "1"].contains(v.lowercased()) ? true
            : (["f", "false", "0"].contains(v.lowercased()) ? false : nil)
        default: return nil
        }
    }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

/// One result row: column names in result order and their values.
public struct Row: Sendable, Hashable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ name: String) -> SQLValue {
        guard let i = columns.firstIndex(of: name) else { return .null }
        return values[i]
    }

    public subscript(_ index: Int) -> SQLValue { values[index] }
}
