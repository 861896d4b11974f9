import DatabaseCore

/// MySQL's lexical rules, as far as the driver needs them: where string literals, quoted identifiers and comments
/// are, so that `?` placeholders and statement-ending semicolons are found only in code.
///
/// The rules are those of the session glance-bridge sets up (`sql_mode = TRADITIONAL`): backslash escapes in
/// both `'…'` and `"…"` strings (no `NO_BACKSLASH_ESCAPES`), `"…"` a string rather than an identifier (no
/// `ANSI_QUOTES`), `` `…` `` identifiers, and `#`, `-- ` and `/* */` comments. The text is scanned as UTF-8 bytes:
/// every byte that matters is ASCII, and no multi-byte sequence contains one.
enum MySQLStatementText {
    /// `sql` with each `?` outside literals, identifiers and comments replaced by the next parameter as a literal.
    /// - Parameter escape: the library's escaping for the connection's character set (quotes not included).
    /// - Throws: `DatabaseError` when the placeholders and parameters do not pair up, or a number cannot be written.
    static func bind(_ sql: String, _ parameters: [SQLValue], escape: (String) -> String) throws -> String {
        let bytes = Array(sql.utf8)
        guard parameters.isEmpty ? bytes.contains(UInt8(ascii: "?")) : true else { return sql }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + parameters.count * 8)
        var next = 0
        var i = 0
        while i < bytes.count {
            if let end = endOfNonCode(bytes, at: i) {
                output.append(contentsOf: bytes[i..<end])
                i = end
            } else if bytes[i] == UInt8(ascii: "?") {
                guard next < parameters.count else { throw mismatch(sql, given: parameters.count) }
                output.append(contentsOf: try literal(parameters[next], sql: sql, escape: escape).utf8)
                next += 1
                i += 1
            } else {
                output.append(bytes[i])
                i += 1
            }
        }
        guard next == parameters.count else { throw mismatch(sql, given: parameters.count) }
        return String(decoding: output, as: UTF8.self)
    }

    /// The statements of a script, in order, as the server splits a multi-statement query: at semicolons in
    /// code, except inside the `BEGIN … END` body of a `CREATE TRIGGER`, `PROCEDURE`, `FUNCTION` or `EVENT`.
    /// Pieces with no code (whitespace and comments only) are left out. Used to name the failing statement.
    static func statements(_ script: String) -> [String] {
        let bytes = Array(script.utf8)
        var statements: [String] = []
        var start = 0
        var hasCode = false
        var words: [String] = []     // the current statement's words, upper-cased, in order
        var depth = 0
        var i = 0
        func finish(at end: Int) {
            if hasCode {
                statements.append(String(decoding: bytes[start..<end], as: UTF8.self).trimmedOfWhitespace)
            }
            start = end + 1
            hasCode = false
            words = []
            depth = 0
        }
        while i < bytes.count {
            if let end = endOfNonCode(bytes, at: i) {
                i = end
                continue
            }
            let byte = bytes[i]
            if byte == UInt8(ascii: ";"), depth <= 0 {
                finish(at: i)
                i += 1
                continue
            }
            if isWordByte(byte), i == 0 || !isWordByte(bytes[i - 1]) {
                var j = i
                while j < bytes.count, isWordByte(bytes[j]) { j += 1 }
                let word = String(decoding: bytes[i..<j], as: UTF8.self).uppercased()
                words.append(word)
                if isCompoundDefinition(words) { depth += blockDepthChange(words) }
                hasCode = true
                i = j
                continue
            }
            if !isSpace(byte) { hasCode = true }
            i += 1
        }
        finish(at: bytes.count)
        return statements
    }

    // MARK: - Lexing

    /// Where the string literal, quoted identifier or comment starting at `i` ends (one past its last byte),
    /// or nil when code starts at `i`. An unterminated one runs to the end of the text.
    static func endOfNonCode(_ bytes: [UInt8], at i: Int) -> Int? {
        let count = bytes.count
        switch bytes[i] {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            let quote = bytes[i]
            var j = i + 1
            while j < count {
                if bytes[j] == UInt8(ascii: "\\") { j += 2; continue }
                if bytes[j] == quote {
                    if j + 1 < count, bytes[j + 1] == quote { j += 2; continue }
                    return j + 1
                }
                j += 1
            }
            return count
        case UInt8(ascii: "`"):
            var j = i + 1
            while j < count {
                if bytes[j] == UInt8(ascii: "`") {
                    if j + 1 < count, bytes[j + 1] == UInt8(ascii: "`") { j += 2; continue }
                    return j + 1
                }
                j += 1
            }
            return count
        case UInt8(ascii: "#"):
            return endOfLine(bytes, from: i)
        case UInt8(ascii: "-"):
            // `--` starts a comment only when followed by whitespace or a control character (so `1--1` is 2).
            guard i + 1 < count, bytes[i + 1] == UInt8(ascii: "-") else { return nil }
            guard i + 2 >= count || bytes[i + 2] <= UInt8(ascii: " ") else { return nil }
            return endOfLine(bytes, from: i)
        case UInt8(ascii: "/"):
            guard i + 1 < count, bytes[i + 1] == UInt8(ascii: "*") else { return nil }
            var j = i + 2
            while j + 1 < count, !(bytes[j] == UInt8(ascii: "*") && bytes[j + 1] == UInt8(ascii: "/")) { j += 1 }
            return min(j + 2, count)
        default:
            return nil
        }
    }

    private static func endOfLine(_ bytes: [UInt8], from i: Int) -> Int {
        var j = i
        while j < bytes.count, bytes[j] != UInt8(ascii: "\n") { j += 1 }
        return j
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return true
        default: return false
        }
    }

    // MARK: - Compound statements

    private static let storedProgramKinds: Set<String> = ["TRIGGER", "PROCEDURE", "FUNCTION", "EVENT"]
    private static let otherObjectKinds: Set<String> = [
        "TABLE", "INDEX", "UNIQUE", "FULLTEXT", "SPATIAL", "VIEW", "DATABASE", "SCHEMA", "USER", "ROLE",
        "SEQUENCE", "SERVER", "TEMPORARY", "TABLESPACE", "PACKAGE",
    ]

    /// Whether the statement so far is `CREATE [OR REPLACE] [DEFINER = …] TRIGGER|PROCEDURE|FUNCTION|EVENT …`.
    private static func isCompoundDefinition(_ words: [String]) -> Bool {
        guard words.first == "CREATE" else { return false }
        for word in words.dropFirst() {
            if storedProgramKinds.contains(word) { return true }
            if otherObjectKinds.contains(word) { return false }
        }
        return false
    }

    /// How the last word changes the block depth in a stored program's body: `BEGIN` and `CASE` open a block,
    /// `END` closes one, and `END IF` / `END LOOP` / `END WHILE` / `END REPEAT` / `END FOR` close blocks whose
    /// opening words are not counted (IF is also a function, LOOP a label target).
    private static func blockDepthChange(_ words: [String]) -> Int {
        let word = words[words.count - 1]
        let previous = words.count > 1 ? words[words.count - 2] : ""
        switch word {
        case "BEGIN": return 1
        case "CASE": return previous == "END" ? 0 : 1                   // `END CASE` was counted at END
        case "END": return -1
        case "IF", "LOOP", "WHILE", "REPEAT", "FOR": return previous == "END" ? 1 : 0   // undo END's -1
        default: return 0
        }
    }

    // MARK: - Literals

    private static func literal(_ value: SQLValue, sql: String, escape: (String) -> String) throws -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let number): return String(number)
        case .real(let number):
            guard number.isFinite else {
                throw DatabaseError(kind: .statementFailed, code: "2036",
                                    message: "MySQL has no literal for the number \(number)", sql: sql)
            }
            return String(number)
        case .text(let text): return "'" + escape(text) + "'"
        case .blob(let bytes):
            let digits = Array("0123456789ABCDEF".utf8)
            var hex: [UInt8] = Array("X'".utf8)
            hex.reserveCapacity(3 + bytes.count * 2)
            for byte in bytes {
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0x0f)])
            }
            hex.append(UInt8(ascii: "'"))
            return String(decoding: hex, as: UTF8.self)
        }
    }

    private static func mismatch(_ sql: String, given: Int) -> DatabaseError {
        let bytes = Array(sql.utf8)
        var placeholders = 0
        var i = 0
        while i < bytes.count {
            if let end = endOfNonCode(bytes, at: i) { i = end; continue }
            if bytes[i] == UInt8(ascii: "?") { placeholders += 1 }
            i += 1
        }
        // CR_PARAMS_NOT_BOUND's number, so that callers see a client-side error, not a server one.
        return DatabaseError(kind: .statementFailed, code: "2031",
                             message: "the statement has \(placeholders) placeholder(s) but \(given) parameter(s) "
                                + "were given",
                             sql: sql)
    }
}
