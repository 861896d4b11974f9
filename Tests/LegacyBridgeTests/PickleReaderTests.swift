import Foundation
@testable import LegacyScripts
import Testing
import TestSupport

/// `PickleReader` and `pythonJSON()` against what Glance's 029 made of real pickles
/// (`Fixtures/legacy/pickles.jsonl`, written by `make-pickle-vectors.py` with Python 3.11 at protocols 0-5 and
/// a real Python 2.7 at protocols 0-2; the JSON is oslo.serialization's `jsonutils.dumps` of `pickle.loads`).
@Suite struct PickleReaderTests {
    struct Vector: Sendable, CustomStringConvertible {
        let origin: String
        let pickle: [UInt8]
        /// Glance's JSON, or nil where Glance failed or glance-bridge refuses by design.
        let json: String?
        var description: String { origin }
    }

    static func vectors() throws -> [Vector] {
        try Fixtures.text("legacy/pickles.jsonl").split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let hex = Array(try #require(object["hex"] as? String).utf8)
            let pickle = stride(from: 0, to: hex.count, by: 2).map {
                UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)!
            }
            let refused = object["refused"] as? Bool ?? false
            return Vector(origin: try #require(object["origin"] as? String), pickle: pickle,
                          json: refused ? nil : object["json"] as? String)
        }
    }

    static func convert(_ pickle: [UInt8]) throws -> String {
        try PickleReader.read(pickle).pythonJSON()
    }

    @Test func everyProtocolOfBothPythonsIsCovered() throws {
        let origins = Set(try Self.vectors().map { $0.origin.prefix(while: { $0 != "," }) })
        for protocolVersion in 0...5 { #expect(origins.contains("python 3.11 protocol \(protocolVersion)")) }
        for protocolVersion in 0...2 { #expect(origins.contains("python 2.7 protocol \(protocolVersion)")) }
    }

    @Test func plainDataGivesGlancesJSONText() throws {
        let vectors = try Self.vectors().filter { $0.json != nil }
        #expect(vectors.count > 100)
        for vector in vectors {
            #expect(try Self.convert(vector.pickle) == vector.json, "\(vector.origin): \(vector.pickle)")
        }
    }

    @Test func classesGlobalsAndWhatGlanceFailedOnAreRefused() throws {
        let vectors = try Self.vectors().filter { $0.json == nil }
        #expect(vectors.contains { $0.origin.contains("os.system") })
        for vector in vectors {
            #expect(throws: PickleRefusal.self, "\(vector.origin)") { try Self.convert(vector.pickle) }
        }
    }

    /// Python 2 writes protocol 0 with text opcodes Python 3 no longer emits for these values. Hand-written,
    /// byte for byte what `pickle.dumps(value, 0)` gives under Python 2.7 (checked against python2.7 -c), and
    /// the JSON Python 3's `json.dumps(pickle.loads(...))` gives for them (both checked with the real Pythons).
    @Test(arguments: [
        // {'k': 'it\'s'}: STRING with a quote escape (repr picks double quotes here), a Python 2 str.
        (Array("(dp0\nS'k'\np1\nS\"it's\"\np2\ns.".utf8), #"{"k": "it's"}"#),
        // {'tab': 'a\tb\x01'}: STRING escapes \t and \x01, decoded by codecs.escape_decode.
        (Array("(dp0\nS'tab'\np1\nS'a\\tb\\x01'\np2\ns.".utf8), #"{"tab": "a\tb\u0001"}"#),
        // {u'caf\xe9': True, u'x': 1L} (Python 2 orders these keys x first): UNICODE in raw-unicode-escape
        // (the byte 0xE9 is the code point), I01 for True, LONG with its L.
        (Array("(dp0\nVx\np1\nL1L\nsVcaf\u{E9}\np2\nI01\ns.".unicodeScalars.map { UInt8($0.value) }),
         #"{"x": 1, "caf\u00e9": true}"#),
        // [u'\\u005c', u'snow \u2603']: a backslash Python 2 escaped as \u005c, and a \u escape.
        (Array("(lp0\nV\\u005c\np1\naVsnow \\u2603\np2\na.".utf8), #"["\\", "snow \u2603"]"#),
        // (0.1, -2.5): FLOAT as Python 2.7's repr, inside a TUPLE.
        (Array("(F0.1\nF-2.5\ntp0\n.".utf8), "[0.1, -2.5]"),
    ] as [([UInt8], String)])
    func python2TextOpcodes(_ pickle: [UInt8], _ json: String) throws {
        #expect(try Self.convert(pickle) == json)
    }

    @Test func aMemoThatExpandsExponentiallyIsRefused() throws {
        // 30 levels are 2^30 copies of a 64-character string: a few hundred bytes of pickle, 70 GB of JSON.
        let chain = try Self.exponentialChain(levels: 30)
        // A 1 MiB limit instead of the default 16 MiB keeps the debug-build test quick; the path is the same.
        #expect(throws: PickleRefusal.self) { try PickleReader.read(chain).pythonJSON(maximumLength: 1 << 20) }
    }

    /// `l0 = ['x' * 64]`, `l(n) = [l(n-1), l(n-1)]` through the memo, protocol 2.
    static func exponentialChain(levels: Int) throws -> [UInt8] {
        var pickle: [UInt8] = [0x80, 0x02, 0x5D, 0x71, 0x00, 0x58, 64, 0, 0, 0] + Array(repeating: 0x78, count: 64)
        pickle += [0x61]  // APPEND: l0 = ['x' * 64], memo 0
        for level in 1...levels {
            // EMPTY_LIST BINPUT level, MARK, BINGET level-1, BINGET level-1, APPENDS, POP (the previous list)
            pickle += [0x5D, 0x71, UInt8(level), 0x28, 0x68, UInt8(level - 1), 0x68, UInt8(level - 1), 0x65]
        }
        return pickle + [0x2E]
    }

    /// `float.__repr__` for 4,500 doubles (`Fixtures/legacy/python-floats.txt`, from Python 3.11).
    @Test func floatsArePrintedAsPythonsRepr() throws {
        let lines = try Fixtures.text("legacy/python-floats.txt").split(separator: "\n")
        #expect(lines.count > 4000)
        var mismatches: [String] = []
        for line in lines {
            let fields = line.split(separator: " ")
            let number = Double(bitPattern: try #require(UInt64(fields[0], radix: 16)))
            let printed = PythonFloat.repr(number)
            if printed != fields[1] { mismatches.append("\(fields[1]) printed \(printed)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }
}
