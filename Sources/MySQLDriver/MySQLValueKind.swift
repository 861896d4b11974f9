import CMariaDB
import DatabaseCore

/// How a result column's text-protocol bytes become an `SQLValue`, decided once per column from its type.
///
/// Integer columns (`tinyint(1)` booleans included) come back as `.integer`, so that `intValue` and `boolValue`
/// behave as on SQLite; binary strings (character set 63) as `.blob`; DECIMAL stays exact text.
enum MySQLValueKind {
    case integer
    case real
    case bits
    case blob
    case text

    /// MariaDB's number for the `binary` character set.
    private static let binaryCharset: UInt32 = 63

    init(type: enum_field_types, charset: UInt32) {
        switch type {
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_INT24, MYSQL_TYPE_YEAR:
            self = .integer
        case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE:
            self = .real
        case MYSQL_TYPE_BIT:
            self = .bits
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB,
             MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_STRING, MYSQL_TYPE_VARCHAR, MYSQL_TYPE_GEOMETRY:
            self = charset == Self.binaryCharset ? .blob : .text
        default:
            self = .text
        }
    }

    func value(_ bytes: UnsafeRawBufferPointer) -> SQLValue {
        switch self {
        case .blob:
            return .blob(Array(bytes))
        case .bits:
            // BIT(n) arrives as big-endian bytes.
            return .integer(bytes.prefix(8).reduce(0) { $0 << 8 | Int64($1) })
        case .integer:
            let text = String(decoding: bytes, as: UTF8.self)
            return Int64(text).map(SQLValue.integer) ?? .text(text) // BIGINT UNSIGNED past Int64.max stays text
        case .real:
            let text = String(decoding: bytes, as: UTF8.self)
            return Double(text).map(SQLValue.real) ?? .text(text)
        case .text:
            return .text(String(decoding: bytes, as: UTF8.self))
        }
    }
}
