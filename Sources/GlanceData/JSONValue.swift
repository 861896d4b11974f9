/// A JSON document that keeps the order of object members.
///
/// Metadef files are read and written here instead of through `JSONSerialization` because Glance stores
/// `json.dumps(schema)` in `json_schema` columns: member order and number spelling must survive a load, and
/// `true` must stay distinct from `1`.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// An integer literal, kept as canonical digits so values beyond `Int64` survive (Python ints are unbounded).
    case integer(String)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value of `key` in an object, or nil (also for non-objects).
    public subscript(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var isNull: Bool { self == .null }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
}
