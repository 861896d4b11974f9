import DatabaseCore
import FoundationEssentials

/// Reads oslo.config INI files the way oslo.config does (`oslo_config/iniparser.py` and `cfg.py`):
/// - lines end at `\n`, `\r\n` or a lone `\r` (Python's universal newlines); trailing blanks are dropped;
/// - `#` or `;` in the first column starts a comment; an indented line continues the previous value and a
///   blank line ends it; there are no inline comments (`a = b # c` is the value `b # c`);
/// - `key = value` or `key: value`, split at the first `=` or `:`; a value wholly inside matching `"` or `'`
///   loses them;
/// - section names are case-insensitive except `DEFAULT` (`[DATABASE]` is `[database]`, `[default]` is not
///   `[DEFAULT]`), and are not trimmed (`[ database ]` is a different section);
/// - later assignments win, within a file and across files in the order given;
/// - `$name`, `${name}` and `${group.name}` are replaced by that option of the same group, else of
///   `[DEFAULT]`, when the value is read; `$$` and `\$` are a literal `$`.
public struct ConfigurationFiles {
    public let paths: [String]
    /// Normalised section name → key → (value, the file that set it).
    private var sections: [String: [String: (value: String, file: String)]] = [:]

    /// Reads and parses every file.
    /// - Throws: `CLIFailure` (exit 1) for an unreadable or malformed file; the message names the file and
    ///   line, never a value.
    public init(paths: [String]) throws {
        self.paths = paths
        for path in paths {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                let reason = FileManager.default.fileExists(atPath: path) ? "it is not readable" : "no such file"
                throw CLIFailure("ERROR: cannot read config file \(path): \(reason)")
            }
            for (section, values) in try Self.parse(text, path: path) {
                for (key, value) in values { sections[section, default: [:]][key] = (value, path) }
            }
        }
    }

    /// The value of `[database] connection` in the last file that sets it, or nil.
    public func databaseConnection() throws -> String? {
        try value("connection", in: "database")
    }

    /// An option's value with `$` references substituted, or nil when no file sets it.
    /// - Throws: `CLIFailure` for a reference to an option no file sets, or a reference cycle; the message
    ///   names the option and the file, never the value (a connection URL holds a password).
    public func value(_ key: String, in group: String) throws -> String? {
        try value(key, in: Self.normalised(group), visiting: [])
    }

    /// A boolean option as oslo.config's `BoolOpt` reads it (true/1/on/yes, false/0/off/no, any case).
    public func bool(_ key: String, in group: String) throws -> Bool? {
        guard let text = try value(key, in: group) else { return nil }
        switch text.lowercased() {
        case "true", "1", "on", "yes": return true
        case "false", "0", "off", "no": return false
        default:
            let file = sections[Self.normalised(group)]?[key]?.file ?? "?"
            throw CLIFailure("ERROR: config file \(file): [\(group)] \(key) is not a boolean (true or false)")
        }
    }

    private func value(_ key: String, in group: String, visiting: Set<String>) throws -> String? {
        guard let entry = sections[group]?[key] else { return nil }
        let name = "[\(group)] \(key)"
        guard !visiting.contains(name) else {
            throw CLIFailure("ERROR: config file \(entry.file): \(name) refers to itself through $ substitution")
        }
        return try substitute(entry.value, group: group, option: name, file: entry.file,
                              visiting: visiting.union([name]))
    }

    /// oslo.config's `string.Template(...).safe_substitute` with its identifier pattern `[_a-z][._a-z0-9]*`
    /// (case-insensitive). Unlike `safe_substitute`, an unknown name is an error: oslo.config raises
    /// `NoSuchOptError` for a name that is not a registered option, and here every option it could name is
    /// one the files set.
    private func substitute(_ text: String, group: String, option: String, file: String,
                            visiting: Set<String>) throws -> String {
        guard text.contains("$") else { return text }
        let characters = Array(text.replacing("\\$", with: "$$"))
        var result = ""
        var i = 0
        func isStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        func isPart(_ c: Character) -> Bool { isStart(c) || c == "." || (c.isASCII && c.isNumber) }
        while i < characters.count {
            let c = characters[i]
            guard c == "$", i + 1 < characters.count else { result.append(c); i += 1; continue }
            var name = ""
            var end = i + 1
            if characters[i + 1] == "$" {
                result.append("$"); i += 2; continue
            } else if characters[i + 1] == "{" {
                var j = i + 2
                if j < characters.count, isStart(characters[j]) {
                    while j < characters.count, isPart(characters[j]) { name.append(characters[j]); j += 1 }
                }
                guard !name.isEmpty, j < characters.count, characters[j] == "}" else {
                    result.append(c); i += 1; continue
                }
                end = j + 1
            } else if isStart(characters[i + 1]) {
                var j = i + 1
                while j < characters.count, isPart(characters[j]) { name.append(characters[j]); j += 1 }
                end = j
            } else {
                result.append(c); i += 1; continue
            }
            result += try lookUp(name, group: group, option: option, file: file, visiting: visiting)
            i = end
        }
        return result
    }

    /// `${group.name}` names a group; a bare name is the same group's option, else `[DEFAULT]`'s.
    private func lookUp(_ name: String, group: String, option: String, file: String,
                        visiting: Set<String>) throws -> String {
        if let dot = name.firstIndex(of: "."), name.split(separator: ".").count >= 2 {
            let other = Self.normalised(String(name[..<dot]))
            if let found = try value(String(name[name.index(after: dot)...]), in: other, visiting: visiting) {
                return found
            }
        } else if let found = try value(name, in: group, visiting: visiting) {
            return found
        }
        if let found = try value(name, in: "DEFAULT", visiting: visiting) { return found }
        throw CLIFailure("ERROR: config file \(file): \(option) refers to $\(name), which no config file sets")
    }

    /// oslo.config's `_normalize_group_name`.
    static func normalised(_ group: String) -> String {
        group == "DEFAULT" ? group : group.lowercased()
    }

    /// Sections (normalised names) → keys → raw values, for one file.
    static func parse(_ text: String, path: String) throws -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var section: String?
        var pending: (key: String, lines: [String])?
        func flush() {
            if let (key, lines) = pending, let section { sections[section, default: [:]][key] = lines.joined(separator: "\n") }
            pending = nil
        }
        func failure(_ lineNumber: Int, _ reason: String) -> CLIFailure {
            CLIFailure("ERROR: malformed config file \(path) line \(lineNumber): \(reason)")
        }
        for (offset, raw) in lines(of: text).enumerated() {
            let line = raw.trailingWhitespaceRemoved
            if line.isEmpty { flush(); continue }
            if line.first == " " || line.first == "\t" {
                guard pending != nil else { throw failure(offset + 1, "unexpected continuation line") }
                pending?.lines.append(line.trimmedOfWhitespace)
                continue
            }
            flush()
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw failure(offset + 1, "bad section header (must end with ])") }
                guard line.count > 2 else { throw failure(offset + 1, "empty section name") }
                let name = normalised(String(line.dropFirst().dropLast()))
                section = name
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            if line.hasPrefix("#") || line.hasPrefix(";") { continue }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw failure(offset + 1, "expected 'key = value'")
            }
            let key = String(line[..<separator]).trimmedOfWhitespace
            var value = String(line[line.index(after: separator)...]).trimmedOfWhitespace
            guard !key.isEmpty else { throw failure(offset + 1, "empty option name") }
            guard section != nil else { throw failure(offset + 1, "option outside of any [section]") }
            if let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            pending = (key, [value])
        }
        flush()
        return sections
    }

    /// Python's universal newlines: `\r\n`, `\r` and `\n` each end a line.
    static func lines(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { result.append(current) }
                current = ""
                previousWasCR = false
            } else if scalar == "\r" {
                result.append(current)
                current = ""
                previousWasCR = true
            } else {
                current.unicodeScalars.append(scalar)
                previousWasCR = false
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

extension String {
    /// Python's `rstrip()` for the blanks an INI line can end with.
    var trailingWhitespaceRemoved: String {
        guard let last = lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\u{0C}" && $0 != "\u{0B}" })
        else { return "" }
        return String(self[...last])
    }
}
