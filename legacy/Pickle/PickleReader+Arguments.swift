/// How `PickleReader` reads opcode arguments: fixed-width integers, length-prefixed bytes, and the
/// newline-terminated text of protocol 0.
extension PickleReader {

    mutating func byte() throws -> UInt8 {
        guard position < data.count else { throw PickleRefusal("its pickle is truncated") }
        defer { position += 1 }
        return data[position]
    }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= data.count - position else { throw PickleRefusal("its pickle is truncated") }
        defer { position += count }
        return Array(data[position..<position + count])
    }

    mutating func littleEndian(_ count: Int) throws -> UInt64 {
        try bytes(count).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func bigEndian(_ count: Int) throws -> UInt64 {
        try bytes(count).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// An unsigned length or index; Python refuses one beyond `sys.maxsize`.
    mutating func length(_ count: Int) throws -> Int {
        let value = try littleEndian(count)
        guard value <= UInt64(Int.max) else { throw PickleRefusal("its pickle has a length beyond any size") }
        return Int(value)
    }

    /// The bytes up to the next newline, which is consumed.
    mutating func line() throws -> [UInt8] {
        guard let end = data[position...].firstIndex(of: 0x0A) else { throw PickleRefusal("its pickle is truncated") }
        defer { position = end + 1 }
        return Array(data[position..<end])
    }

    func text(_ bytes: [UInt8]) throws -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { throw PickleRefusal("it has a non-ASCII global name") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `INT`: `I01`/`I00` are Python 2's booleans, anything else `int(text, 0)`.
    mutating func textInt() throws -> PickleValue {
        let text = try text(line())
        if text == "01" { return .bool(true) }
        if text == "00" { return .bool(false) }
        guard let value = PythonInteger(decimal: Substring(text)) else {
            throw PickleRefusal("it has a malformed INT")
        }
        return .int(value)
    }

    /// `LONG`: Python 2's `repr(long)`, with or without its trailing `L`.
    mutating func textLong() throws -> PickleValue {
        var text = Substring(try text(line()))
        if text.last == "L" { text.removeLast() }
        guard let value = PythonInteger(decimal: text) else { throw PickleRefusal("it has a malformed LONG") }
        return .int(value)
    }

    /// `FLOAT`: `float(text)` of `repr(x)` (`inf`, `nan` and their signs included; no hex, no underscores).
    mutating func textFloat() throws -> PickleValue {
        let text = try text(line()).trimmingSpaces
        let lower = text.lowercased()
        let unsigned = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
        let isWord = ["inf", "infinity", "nan"].contains(unsigned)
        guard isWord || (!unsigned.isEmpty && unsigned.allSatisfy({ "0123456789.e+-".contains($0) })),
              let value = Double(text) else { throw PickleRefusal("it has a malformed FLOAT") }
        return .float(value)
    }

    mutating func textIndex() throws -> Int {
        guard let value = Int(try text(line())), value >= 0 else {
            throw PickleRefusal("it has a malformed memo index")
        }
        return value
    }

    /// `STRING`'s argument: a `repr` in matching quotes, unescaped by `codecs.escape_decode`.
    mutating func quotedString() throws -> [UInt8] {
        let raw = try line()
        guard raw.count >= 2, raw.first == raw.last, raw.first == 0x27 || raw.first == 0x22 else {
            throw PickleRefusal("it has a STRING without quotes")
        }
        return try EscapeDecode.decode(Array(raw.dropFirst().dropLast()))
    }

    /// A Python 2 `str`: Python 3 decodes it as ASCII and stops on any other byte (`UnicodeDecodeError`).
    func python2String(_ bytes: [UInt8]) throws -> PickleValue {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            throw PickleRefusal("it holds a Python 2 byte string that is not ASCII, which Python 3 cannot unpickle")
        }
        return .string(bytes.map(UInt32.init))
    }

    func utf8(_ bytes: [UInt8]) throws -> [UInt32] {
        guard let scalars = SurrogatePassUTF8.decode(bytes) else { throw PickleRefusal("it holds malformed UTF-8") }
        return scalars
    }
}
