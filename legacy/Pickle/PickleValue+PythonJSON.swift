extension PickleValue {
    /// The text Glance's 029 stored: oslo.serialization's `jsonutils.dumps(value)`, which is Python's
    /// `json.dumps` with its defaults (`ensure_ascii`, separators `', '` and `': '`, keys in dict order,
    /// `NaN`/`Infinity` allowed) and `to_primitive` for what JSON lacks (bytes decoded as UTF-8, a bytearray
    /// as a list of its bytes).
    /// - Throws: `PickleRefusal` where Python raised (a cycle, undecodable bytes), or for data nested or
    ///   expanded beyond what glance-bridge follows (a memo can make a small pickle expand exponentially).
    func pythonJSON(maximumLength: Int = 16 << 20, maximumDepth: Int = 500) throws -> String {
        var encoder = PythonJSONEncoder(maximumLength: maximumLength, maximumDepth: maximumDepth)
        try encoder.encode(self, depth: 0)
        return String(decoding: encoder.output, as: UTF8.self)
    }
}

private struct PythonJSONEncoder {
    let maximumLength: Int
    let maximumDepth: Int
    /// ASCII only (`ensure_ascii`), so bytes are characters.
    var output: [UInt8] = []
    /// Containers being encoded: meeting one again is Python's "Circular reference detected".
    var path: Set<ObjectIdentifier> = []

    init(maximumLength: Int, maximumDepth: Int) {
        self.maximumLength = maximumLength
        self.maximumDepth = maximumDepth
    }

    mutating func encode(_ value: PickleValue, depth: Int) throws {
        guard depth <= maximumDepth else { throw PickleRefusal("it is nested deeper than \(maximumDepth) levels") }
        guard output.count <= maximumLength else {
            throw PickleRefusal("its JSON would be longer than \(maximumLength) bytes")
        }
        switch value {
        case .none: write("null")
        case .bool(let flag): write(flag ? "true" : "false")
        case .int(let integer): write(integer.description)
        case .float(let number): write(PythonFloat.jsonText(number))
        case .string(let text): Self.quote(text, into: &output)
        case .bytes(let bytes):
            // `to_primitive`: `value.decode('utf-8')`, strict, so no encoded surrogates either.
            guard let text = SurrogatePassUTF8.decode(bytes), !text.contains(where: { (0xD800...0xDFFF).contains($0) })
            else { throw PickleRefusal("it holds bytes that are not UTF-8, which Glance could not turn into JSON") }
            Self.quote(text, into: &output)
        case .bytearray(let bytes):
            try encode(.tuple(bytes.map { .int(PythonInteger(Int64($0))) }), depth: depth)
        case .tuple(let items):
            try encodeList(items, depth: depth)
        case .list(let list):
            try enter(ObjectIdentifier(list))
            try encodeList(list.items, depth: depth)
            path.remove(ObjectIdentifier(list))
        case .dict(let dict):
            try enter(ObjectIdentifier(dict))
            write("{")
            for (index, key) in dict.keys.enumerated() {
                if index > 0 { write(", ") }
                Self.quote(try Self.keyText(key), into: &output)
                write(": ")
                try encode(dict.values[index], depth: depth + 1)
            }
            write("}")
            path.remove(ObjectIdentifier(dict))
        case .constructor(let constructor):
            throw PickleRefusal("it holds the callable \(constructor.rawValue) as a value")
        }
    }

    private mutating func enter(_ container: ObjectIdentifier) throws {
        guard path.insert(container).inserted else { throw PickleRefusal("it contains itself (a circular reference)") }
    }

    private mutating func encodeList(_ items: [PickleValue], depth: Int) throws {
        write("[")
        for (index, item) in items.enumerated() {
            if index > 0 { write(", ") }
            try encode(item, depth: depth + 1)
        }
        write("]")
    }

    private mutating func write(_ text: String) { output += text.utf8 }

    /// `json` turns keys into strings: floats by their repr, `True` as `true`, `None` as `null`.
    private static func keyText(_ key: PickleValue) throws -> [UInt32] {
        let text: String
        switch key {
        case .string(let codePoints): return codePoints
        case .none: text = "null"
        case .bool(let flag): text = flag ? "true" : "false"
        case .int(let integer): text = integer.description
        case .float(let number): text = PythonFloat.jsonText(number)
        default: throw PickleRefusal("it has a dictionary key of type \(key.typeName), which JSON cannot hold")
        }
        return text.unicodeScalars.map(\.value)
    }

    /// `json.encoder.py_encode_basestring_ascii`: everything outside printable ASCII as `\uXXXX`
    /// (lower-case hex, UTF-16 surrogate pairs above the BMP).
    static func quote(_ text: [UInt32], into output: inout [UInt8]) {
        output.append(0x22)
        for codePoint in text {
            switch codePoint {
            case 0x22: output += [0x5C, 0x22]
            case 0x5C: output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, 0x6E]
            case 0x0D: output += [0x5C, 0x72]
            case 0x09: output += [0x5C, 0x74]
            case 0x08: output += [0x5C, 0x62]
            case 0x0C: output += [0x5C, 0x66]
            case 0x20...0x7E: output.append(UInt8(codePoint))
            case 0x10000...:
                let offset = codePoint - 0x10000
                escape(0xD800 | offset >> 10, into: &output)
                escape(0xDC00 | offset & 0x3FF, into: &output)
            default: escape(codePoint, into: &output)
            }
        }
        output.append(0x22)
    }

    private static func escape(_ unit: UInt32, into output: inout [UInt8]) {
        output += ("\\u" + Int(unit).zeroPadded(4, radix: 16)).utf8
    }
}
