/// Why a JSON text was rejected, worded like Python's `json.JSONDecodeError` so that messages about a
/// skipped metadef file read as Glance's do ("Expecting ',' delimiter: line 3 column 5 (char 40)").
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public let line: Int
    public let column: Int
    public let offset: Int

    public var description: String { "\(reason): line \(line) column \(column) (char \(offset))" }
}

extension JSONValue {
    /// Parses RFC 8259 JSON. Duplicate keys keep their first position and the last value, as Python's
    /// `json.loads` does; trailing data, control characters in strings and NaN/Infinity are rejected.
    /// - Throws: `JSONParseError`.
    public init(parsing text: String) throws {
        var parser = JSONParser(Array(text.unicodeScalars))
        self = try parser.parseDocument()
    }
}

/// A recursive-descent parser over Unicode scalars, so offsets count characters as Python's do.
private struct JSONParser {
    let scalars: [Unicode.Scalar]
    var position = 0
    /// Deep nesting would exhaust the stack; no metadef file comes close.
    static let maximumDepth = 512

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func parseDocument() throws -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == scalars.count else { throw failure("Extra data") }
        return value
    }

    func failure(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        let offset = offset ?? position
        var line = 1, lineStart = 0
        for i in 0..<min(offset, scalars.count) where scalars[i] == "\n" {
            line += 1
            lineStart = i + 1
        }
        return JSONParseError(reason: reason, line: line, column: offset - lineStart + 1, offset: offset)
    }

    var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    mutating func skipWhitespace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
    }

    mutating func parseValue(depth: Int) throws -> JSONValue {
        guard depth < Self.maximumDepth else { throw failure("Maximum nesting depth exceeded") }
        switch current {
        case "{": return try parseObject(depth: depth)
        case "[": return try parseArray(depth: depth)
        case "\"": return .string(try parseString())
        case "t": return try parseLiteral("true", .bool(true))
        case "f": return try parseLiteral("false", .bool(false))
        case "n": return try parseLiteral("null", .null)
        case let c? where c == "-" || ("0"..."9").contains(c): return try parseNumber()
        default: throw failure("Expecting value")
        }
    }

    mutating func parseLiteral(_ word: String, _ value: JSONValue) throws -> JSONValue {
        let expected = Array(word.unicodeScalars)
        guard position + expected.count <= scalars.count,
              Array(scalars[position..<position + expected.count]) == expected else { throw failure("Expecting value") }
        position += expected.count
        return value
    }

    mutating func parseObject(depth: Int) throws -> JSONValue {
        position += 1
        var members: [JSONValue.Member] = []
        skipWhitespace()
        if current == "}" { position += 1; return .object(members) }
        while true {
            guard current == "\"" else { throw failure("Expecting property name enclosed in double quotes") }
            let key = try parseString()
            skipWhitespace()
            guard current == ":" else { throw failure("Expecting ':' delimiter") }
            position += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            if let i = members.firstIndex(where: { $0.key == key }) {
                members[i].value = value
            } else {
                members.append(.init(key, value))
            }
            skipWhitespace()
            switch current {
            case ",": position += 1; skipWhitespace()
            case "}": position += 1; return .object(members)
            default: throw failure("Expecting ',' delimiter")
            }
        }
    }

    mutating func parseArray(depth: Int) throws -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == "]" { position += 1; return .array(elements) }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch current {
            case ",": position += 1; skipWhitespace()
            case "]": position += 1; return .array(elements)
            default: throw failure("Expecting ',' delimiter")
            }
        }
    }

    mutating func parseString() throws -> String {
        let start = position
        position += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let c = current else { throw failure("Unterminated string starting at", at: start) }
            position += 1
            switch c {
            case "\"":
                return String(result)
            case "\\":
                guard let escape = current else { throw failure("Unterminated string starting at", at: start) }
                position += 1
                switch escape {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "/": result.append("/")
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "u": result.append(try parseUnicodeEscape())
                default: throw failure("Invalid \\escape", at: position - 2)
                }
            case _ where c.value < 0x20:
                throw failure("Invalid control character at", at: position - 1)
            default:
                result.append(c)
            }
        }
    }

    /// `\uXXXX`, joining a surrogate pair; a lone surrogate becomes U+FFFD (Swift strings cannot hold one).
    mutating func parseUnicodeEscape() throws -> Unicode.Scalar {
        let high = try hexQuad()
        if (0xD800..<0xDC00).contains(high), current == "\\",
           position + 1 < scalars.count, scalars[position + 1] == "u" {
            let save = position
            position += 2
            let low = try hexQuad()
            if (0xDC00..<0xE000).contains(low) {
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            }
            position = save
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    mutating func hexQuad() throws -> UInt32 {
        guard position + 4 <= scalars.count else { throw failure("Invalid \\uXXXX escape", at: position - 1) }
        var value: UInt32 = 0
        for c in scalars[position..<position + 4] {
            guard c.isASCII, let digit = UInt32(String(c), radix: 16) else {
                throw failure("Invalid \\uXXXX escape", at: position - 1)
            }
            value = value * 16 + digit
        }
        position += 4
        return value
    }

    mutating func parseNumber() throws -> JSONValue {
        let start = position
        if current == "-" { position += 1 }
        guard let first = current, ("0"..."9").contains(first) else { throw failure("Expecting value", at: start) }
        if first == "0" { position += 1 } else { skipDigits() }
        var isInteger = true
        if current == ".", position + 1 < scalars.count, ("0"..."9").contains(scalars[position + 1]) {
            isInteger = false
            position += 1
            skipDigits()
        }
        if current == "e" || current == "E" {
            var look = position + 1
            if look < scalars.count, scalars[look] == "+" || scalars[look] == "-" { look += 1 }
            if look < scalars.count, ("0"..."9").contains(scalars[look]) {
                isInteger = false
                position = look
                skipDigits()
            }
        }
        let literal = String(String.UnicodeScalarView(scalars[start..<position]))
        if isInteger {
            // Python reads "-0" as the int 0.
            let digits = literal.hasPrefix("-") ? String(literal.dropFirst()) : literal
            return .integer(digits.allSatisfy { $0 == "0" } ? "0" : literal)
        }
        guard let value = Double(literal), value.isFinite else { throw failure("Number out of range", at: start) }
        return .number(value)
    }

    mutating func skipDigits() {
        while let c = current, ("0"..."9").contains(c) { position += 1 }
    }
}
