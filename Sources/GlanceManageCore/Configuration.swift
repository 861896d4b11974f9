import DatabaseCore
import FoundationEssentials

/// Reads `[database] connection` from oslo.config-style INI files: `[section]` headers, `key = value`
/// lines, `#`/`;` comments, indented continuation lines. Later files win, as with oslo.config.
public struct ConfigurationFiles {
    public let paths: [String]

    public init(paths: [String]) {
        self.paths = paths
    }

    /// The value of `[database] connection` in the last file that sets it, or nil.
    /// - Throws: `CLIFailure` (exit 1) for an unreadable or malformed file; the message names the file and
    ///   line, never the value.
    public func databaseConnection() throws -> String? {
        var result: String?
        for path in paths {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                let reason = FileManager.default.fileExists(atPath: path) ? "it is not readable" : "no such file"
                throw CLIFailure("ERROR: cannot read config file \(path): \(reason)")
            }
            if let value = try Self.parse(text, path: path)["database"]?["connection"] { result = value }
        }
        return result
    }

    /// Sections → keys → values.
    static func parse(_ text: String, path: String) throws -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var section: String?
        var lastKey: String?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).replacing("\r", with: "")
            let trimmed = line.trimmedOfWhitespace
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if line.first == " " || line.first == "\t", let section, let lastKey {
                sections[section]?[lastKey, default: ""] += "\n" + trimmed
                continue
            }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]"), trimmed.count > 2 else {
                    throw CLIFailure("ERROR: malformed config file \(path) line \(offset + 1): bad section header")
                }
                let name = String(trimmed.dropFirst().dropLast()).trimmedOfWhitespace
                section = name
                sections[name, default: [:]] = sections[name] ?? [:]
                lastKey = nil
                continue
            }
            guard let separator = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw CLIFailure("ERROR: malformed config file \(path) line \(offset + 1): expected 'key = value'")
            }
            guard let section else {
                throw CLIFailure("ERROR: malformed config file \(path) line \(offset + 1): option outside of any [section]")
            }
            let key = String(trimmed[..<separator]).trimmedOfWhitespace
            let value = String(trimmed[trimmed.index(after: separator)...]).trimmedOfWhitespace
            guard !key.isEmpty else {
                throw CLIFailure("ERROR: malformed config file \(path) line \(offset + 1): empty option name")
            }
            sections[section, default: [:]][key] = value
            lastKey = key
        }
        return sections
    }
}
