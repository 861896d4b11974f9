import DatabaseCore

extension JSONValue {
    /// The text Python's `json.dumps(value)` gives (`ensure_ascii=True`; separators `", "` and `": "`), or with
    /// `indent` the text of `json.dumps(value, indent=indent)`.
    ///
    /// Glance stores `json.dumps(schema)` in `json_schema`, so a database loaded here holds the same bytes as
    /// one loaded by Glance from the same file.
    public func pythonJSON(indent: Int? = nil) -> String {
        var output = ""
        write(to: &output, indent: indent, level: 0)
        return output
    }

    private func write(to output: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let digits): output += digits
        case .number(let value): output += Self.pythonRepr(value)
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let elements):
            writeContainer("[", "]", count: elements.count, to: &output, indent: indent, level: level) { i, output in
                elements[i].write(to: &output, indent: indent, level: level + 1)
            }
        case .object(let members):
            writeContainer("{", "}", count: members.count, to: &output, indent: indent, level: level) { i, output in
                Self.writeString(members[i].key, to: &output)
                output += ": "
                members[i].value.write(to: &output, indent: indent, level: level + 1)
            }
        }
    }

    private func writeContainer(_ open: String, _ close: String, count: Int, to output: inout String, indent: Int?,
                                level: Int, element: (Int, inout String) -> Void) {
        guard count > 0 else { output += open + close; return }
        output += open
        // Python: item separator ", " without indent, "," plus a newline with it.
        let inner = indent.map { "\n" + String(repeating: " ", count: $0 * (level + 1)) } ?? ""
        for i in 0..<count {
            if i > 0 { output += indent == nil ? ", " : "," }
            output += inner
            element(i, &output)
        }
        if let indent { output += "\n" + String(repeating: " ", count: indent * level) }
        output += close
    }

    /// `ensure_ascii`: everything outside printable ASCII becomes `\uXXXX` (lowercase hex, surrogate pairs).
    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case " "..."~": output.unicodeScalars.append(scalar)
            default:
                if scalar.value > 0xFFFF {
                    let v = scalar.value - 0x10000
                    output += hexEscape(0xD800 + (v >> 10)) + hexEscape(0xDC00 + (v & 0x3FF))
                } else {
                    output += hexEscape(scalar.value)
                }
            }
        }
        output += "\""
    }

    private static func hexEscape(_ value: UInt32) -> String {
        "\\u" + value.zeroPadded(4, radix: 16)
    }

    /// Python's `repr(float)`: the shortest round-tripping digits, exponent form below 1e-4 and from 1e16.
    /// Swift's `description` follows the same rules; only its integral values need the `.0` check.
    static func pythonRepr(_ value: Double) -> String {
        let text = value.description
        if text.contains(".") || text.contains("e") || text.contains("n") || text.contains("i") { return text }
        return text + ".0"
    }
}
