/// A Python value as the plain-data subset of pickle builds it: what Glance's location metadata held before
/// legacy 029 (dicts of strings, numbers, lists, tuples, booleans and None).
///
/// Lists and dicts are reference types because Python's are: the memo hands out the same object twice, and
/// a later `APPEND` or `SETITEM` changes every place that holds it. Strings are code points, not Swift
/// strings, because a Python `str` may hold lone surrogates (pickle decodes UTF-8 with `surrogatepass`).
enum PickleValue {
    case none
    case bool(Bool)
    case int(PythonInteger)
    case float(Double)
    case string([UInt32])
    case bytes([UInt8])
    case bytearray([UInt8])
    case list(PickleList)
    case dict(PickleDict)
    case tuple([PickleValue])
    /// A `GLOBAL` that names one of the byte-string constructors Python 3 uses below protocol 3; only ever
    /// an operand of `REDUCE`.
    case constructor(ByteConstructor)

    /// Python's type name, for refusals.
    var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .bytearray: return "bytearray"
        case .list: return "list"
        case .dict: return "dict"
        case .tuple: return "tuple"
        case .constructor(let constructor): return constructor.rawValue
        }
    }
}

/// The callables Python 3 pickles bytes with at protocols 0-2 (`_codecs.encode(text, 'latin1')`,
/// `bytes()`, `bytearray(b)`): rebuilt here as data, never called.
enum ByteConstructor: String {
    case codecsEncode = "_codecs.encode"
    case bytes = "builtins.bytes"
    case bytearray = "builtins.bytearray"

    /// `GLOBAL module name`, with Python 2's `__builtin__` mapped as `fix_imports` does.
    init?(module: String, name: String) {
        switch (module, name) {
        case ("_codecs", "encode"): self = .codecsEncode
        case ("builtins", "bytes"), ("__builtin__", "bytes"): self = .bytes
        case ("builtins", "bytearray"), ("__builtin__", "bytearray"): self = .bytearray
        default: return nil
        }
    }
}

final class PickleList {
    var items: [PickleValue]
    init(_ items: [PickleValue] = []) { self.items = items }
}

/// A dict in insertion order. Setting an existing key keeps the first key object and its place, as Python
/// does (`{1: 'a'}` then `d[True] = 'b'` is `{1: 'b'}`).
final class PickleDict {
    private(set) var keys: [PickleValue] = []
    private(set) var values: [PickleValue] = []
    private var positions: [DictKey: Int] = [:]

    /// - Throws: `PickleRefusal` for a key JSON cannot hold (Glance's `json.dumps` raised `TypeError` for
    ///   tuples and bytes; lists and dicts are not even hashable).
    func set(_ key: PickleValue, _ value: PickleValue) throws {
        guard let identity = DictKey(key) else {
            throw PickleRefusal("it has a dictionary key of type \(key.typeName), which JSON cannot hold")
        }
        if let position = positions[identity] {
            values[position] = value
            return
        }
        if identity != .notANumber { positions[identity] = keys.count }
        keys.append(key)
        values.append(value)
    }
}

/// Python's key equality for the key types JSON accepts: `1 == 1.0 == True`, `0 == -0.0 == False`.
enum DictKey: Hashable {
    case none
    case integer(PythonInteger)
    case fraction(UInt64)
    case string([UInt32])
    /// NaN equals nothing, not even another NaN: each NaN key is its own entry, never looked up.
    case notANumber

    init?(_ value: PickleValue) {
        switch value {
        case .none: self = .none
        case .bool(let flag): self = .integer(PythonInteger(flag ? 1 : 0))
        case .int(let integer): self = .integer(integer)
        case .string(let text): self = .string(text)
        case .float(let number):
            if number.isNaN {
                self = .notANumber
            } else if let integer = PythonInteger(exactly: number) {
                self = .integer(integer)
            } else {
                self = .fraction(number.bitPattern)
            }
        default: return nil
        }
    }
}

/// Why a pickle cannot be read as plain data. The text never quotes the pickle's content.
struct PickleRefusal: Error, CustomStringConvertible, Equatable {
    let description: String
    init(_ description: String) { self.description = description }
}
