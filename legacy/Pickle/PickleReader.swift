/// Reads a pickle (protocols 0-5) as plain data, the way Python 3's `pickle.loads` would with its defaults
/// (`encoding='ASCII'`, `fix_imports=True`), without running anything.
///
/// Only the opcodes of data are followed: None, booleans, ints of any size, floats, `str` (and Python 2's
/// `str`, decoded as ASCII like Python 3 does), bytes, bytearray, lists, tuples, dicts, the memo and framing.
/// A class, a global, `REDUCE`, `BUILD`, `NEWOBJ`, `INST`, `OBJ`, persistent ids, extensions, sets and
/// out-of-band buffers are refused; the only callables accepted are the byte-string constructors Python 3
/// itself writes below protocol 3 (`ByteConstructor`), rebuilt as data. Opcode names and argument formats
/// are those of CPython's `Lib/pickletools.py`.
struct PickleReader {
    let data: [UInt8]
    var position = 0
    private var stack: [PickleValue] = []
    private var marks: [[PickleValue]] = []
    private var memo: [Int: PickleValue] = [:]

    /// - Throws: `PickleRefusal` saying which opcode or value is outside the subset, or why the data is broken.
    static func read(_ data: [UInt8]) throws -> PickleValue {
        var reader = PickleReader(data: data)
        return try reader.run()
    }

    private init(data: [UInt8]) { self.data = data }

    private mutating func run() throws -> PickleValue {
        while true {
            let opcode = try byte()
            switch opcode {
            case 0x2E: return try pop()  // STOP '.'; Python ignores what follows
            case 0x80:  // PROTO
                let protocolVersion = try byte()
                guard protocolVersion <= 5 else { throw PickleRefusal("it uses pickle protocol \(protocolVersion)") }
            case 0x95: _ = try bytes(8)  // FRAME: a length prefix only
            case 0x28: marks.append(stack); stack = []  // MARK '('
            case 0x30: if stack.isEmpty { _ = try popMark() } else { stack.removeLast() }  // POP '0'
            case 0x31: _ = try popMark()  // POP_MARK '1'
            case 0x32: stack.append(try top())  // DUP '2'
            case 0x4E: stack.append(.none)  // NONE 'N'
            case 0x88: stack.append(.bool(true))  // NEWTRUE
            case 0x89: stack.append(.bool(false))  // NEWFALSE
            case 0x49: stack.append(try textInt())  // INT 'I'
            case 0x4A:  // BININT: signed
                stack.append(.int(PythonInteger(Int64(Int32(truncatingIfNeeded: try littleEndian(4))))))
            case 0x4B: stack.append(.int(PythonInteger(Int64(try byte()))))  // BININT1 'K'
            case 0x4D: stack.append(.int(PythonInteger(Int64(try littleEndian(2)))))  // BININT2 'M'
            case 0x4C: stack.append(try textLong())  // LONG 'L'
            case 0x8A: stack.append(.int(PythonInteger(twosComplement: try bytes(Int(try byte())))))  // LONG1
            case 0x8B: stack.append(.int(PythonInteger(twosComplement: try bytes(try length(4)))))  // LONG4
            case 0x46: stack.append(try textFloat())  // FLOAT 'F'
            case 0x47: stack.append(.float(Double(bitPattern: try bigEndian(8))))  // BINFLOAT 'G'
            case 0x53: stack.append(try python2String(try quotedString()))  // STRING 'S'
            case 0x54: stack.append(try python2String(try bytes(try length(4))))  // BINSTRING 'T'
            case 0x55: stack.append(try python2String(try bytes(Int(try byte()))))  // SHORT_BINSTRING 'U'
            case 0x56: stack.append(.string(try RawUnicodeEscape.decode(try line())))  // UNICODE 'V'
            case 0x58: stack.append(.string(try utf8(try bytes(try length(4)))))  // BINUNICODE 'X'
            case 0x8C: stack.append(.string(try utf8(try bytes(Int(try byte())))))  // SHORT_BINUNICODE
            case 0x8D: stack.append(.string(try utf8(try bytes(try length(8)))))  // BINUNICODE8
            case 0x42: stack.append(.bytes(try bytes(try length(4))))  // BINBYTES 'B'
            case 0x43: stack.append(.bytes(try bytes(Int(try byte()))))  // SHORT_BINBYTES 'C'
            case 0x8E: stack.append(.bytes(try bytes(try length(8))))  // BINBYTES8
            case 0x96: stack.append(.bytearray(try bytes(try length(8))))  // BYTEARRAY8
            case 0x5D: stack.append(.list(PickleList()))  // EMPTY_LIST ']'
            case 0x6C: stack.append(.list(PickleList(try popMark())))  // LIST 'l'
            case 0x61: try append([try pop()])  // APPEND 'a'
            case 0x65: try append(try popMark())  // APPENDS 'e'
            case 0x29: stack.append(.tuple([]))  // EMPTY_TUPLE ')'
            case 0x74: stack.append(.tuple(try popMark()))  // TUPLE 't'
            case 0x85, 0x86, 0x87: stack.append(.tuple(try pop(Int(opcode - 0x84))))  // TUPLE1-3
            case 0x7D: stack.append(.dict(PickleDict()))  // EMPTY_DICT '}'
            case 0x64: stack.append(.dict(try dictionary(try popMark())))  // DICT 'd'
            case 0x73: try setItems(try pop(2))  // SETITEM 's'
            case 0x75: try setItems(try popMark())  // SETITEMS 'u'
            case 0x70: try put(try textIndex())  // PUT 'p'
            case 0x71: try put(Int(try byte()))  // BINPUT 'q'
            case 0x72: try put(try length(4))  // LONG_BINPUT 'r'
            case 0x94: try put(memo.count)  // MEMOIZE
            case 0x67: try get(try textIndex())  // GET 'g'
            case 0x68: try get(Int(try byte()))  // BINGET 'h'
            case 0x6A: try get(try length(4))  // LONG_BINGET 'j'
            case 0x63: try global(module: try text(line()), name: try text(line()))  // GLOBAL 'c'
            case 0x93:  // STACK_GLOBAL
                let name = try pop(), module = try pop()
                guard case .string(let nameText) = name, case .string(let moduleText) = module else {
                    throw PickleRefusal("it has a STACK_GLOBAL without strings")
                }
                try global(module: Self.string(moduleText), name: Self.string(nameText))
            case 0x52: stack.append(try reduce())  // REDUCE 'R'
            default: throw PickleRefusal("it uses the pickle opcode \(Self.opcodeName(opcode))")
            }
        }
    }

    // MARK: - Stack

    private mutating func pop() throws -> PickleValue {
        guard let value = stack.popLast() else { throw PickleRefusal("its pickle stack underflows") }
        return value
    }

    private mutating func pop(_ count: Int) throws -> [PickleValue] {
        guard stack.count >= count else { throw PickleRefusal("its pickle stack underflows") }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    private func top() throws -> PickleValue {
        guard let value = stack.last else { throw PickleRefusal("its pickle stack underflows") }
        return value
    }

    private mutating func popMark() throws -> [PickleValue] {
        guard let previous = marks.popLast() else { throw PickleRefusal("it uses a MARK it never set") }
        defer { stack = previous }
        return stack
    }

    private mutating func append(_ items: [PickleValue]) throws {
        guard case .list(let list) = try top() else {
            throw PickleRefusal("it appends to a \(try top().typeName), not a list")
        }
        list.items += items
    }

    private mutating func setItems(_ items: [PickleValue]) throws {
        guard case .dict(let dict) = try top() else {
            throw PickleRefusal("it sets items of a \(try top().typeName), not a dict")
        }
        try fill(dict, items)
    }

    private func dictionary(_ items: [PickleValue]) throws -> PickleDict {
        let dict = PickleDict()
        try fill(dict, items)
        return dict
    }

    private func fill(_ dict: PickleDict, _ items: [PickleValue]) throws {
        guard items.count % 2 == 0 else { throw PickleRefusal("its dict items do not come in pairs") }
        for index in stride(from: 0, to: items.count, by: 2) { try dict.set(items[index], items[index + 1]) }
    }

    private mutating func put(_ index: Int) throws {
        memo[index] = try top()
    }

    private mutating func get(_ index: Int) throws {
        guard let value = memo[index] else { throw PickleRefusal("it refers to memo entry \(index), never stored") }
        stack.append(value)
    }

    private mutating func global(module: String, name: String) throws {
        guard let constructor = ByteConstructor(module: module, name: name) else {
            throw PickleRefusal("it names the Python global \(module).\(name), which glance-bridge does not run")
        }
        stack.append(.constructor(constructor))
    }

    /// `REDUCE` on a byte-string constructor, with the arguments Python 3 writes for it.
    private mutating func reduce() throws -> PickleValue {
        let arguments = try pop(), callable = try pop()
        guard case .constructor(let constructor) = callable else {
            throw PickleRefusal("it calls a \(callable.typeName) with REDUCE, which glance-bridge does not run")
        }
        switch (constructor, arguments) {
        case (.codecsEncode, .tuple(let pair)) where pair.count == 2:
            guard case .string(let text) = pair[0], case .string(let encoding) = pair[1],
                  ["latin1", "latin-1"].contains(Self.string(encoding)), text.allSatisfy({ $0 <= 0xFF }) else { break }
            return .bytes(text.map { UInt8($0) })
        case (.bytes, .tuple(let none)) where none.isEmpty:
            return .bytes([])
        case (.bytearray, .tuple(let none)) where none.isEmpty:
            return .bytearray([])
        case (.bytearray, .tuple(let one)) where one.count == 1:
            if case .bytes(let content) = one[0] { return .bytearray(content) }
        default:
            break
        }
        throw PickleRefusal("it calls \(constructor.rawValue) with arguments Python 3 never writes for it")
    }

    /// A name from the pickle as text (surrogates, which no module name holds, are dropped).
    static func string(_ codePoints: [UInt32]) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: codePoints.compactMap(Unicode.Scalar.init))
        return text
    }

    static func opcodeName(_ opcode: UInt8) -> String {
        let names: [UInt8: String] = [
            0x63: "GLOBAL", 0x93: "STACK_GLOBAL", 0x52: "REDUCE", 0x62: "BUILD", 0x69: "INST", 0x6F: "OBJ",
            0x81: "NEWOBJ", 0x92: "NEWOBJ_EX", 0x50: "PERSID", 0x51: "BINPERSID", 0x82: "EXT1", 0x83: "EXT2",
            0x84: "EXT4", 0x8F: "EMPTY_SET", 0x90: "ADDITEMS", 0x91: "FROZENSET", 0x97: "NEXT_BUFFER",
            0x98: "READONLY_BUFFER",
        ]
        return names[opcode] ?? "0x" + Int(opcode).zeroPadded(2, radix: 16)
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
