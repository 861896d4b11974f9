/// A database address as operators write it in `glance-api.conf`: an SQLAlchemy URL
/// (`sqlite:////abs/path`, `sqlite:///relative`, `postgresql+psycopg2://user:pass@host:5432/glance?sslmode=require`)
/// (`mysql+pymysql://glance:pass@db/glance?charset=utf8`) or, for PostgreSQL, a plain libpq conninfo string
/// (`host=/run/postgresql dbname=glance`).
///
/// `description` never contains the password.
public struct ConnectionURL: Sendable, Hashable, CustomStringConvertible {
    public enum Target: Sendable, Hashable {
        /// A SQLite file path, or `:memory:`.
        case sqlite(path: String)
        /// libpq connection parameters, in order (keyword, value).
        case postgresql(parameters: [PostgresParameter])
        /// A MySQL or MariaDB server.
        case mysql(MySQLParameters)
    }

    public struct PostgresParameter: Sendable, Hashable {
        public let keyword: String
        public let value: String
        public init(_ keyword: String, _ value: String) {
            self.keyword = keyword
            self.value = value
        }
    }

    public let target: Target
    /// The text with any password replaced by `***`.
    public let redacted: String
    /// `sqlite:///x.sqlite?mode=ro`: open the file read-only (SQLite's own URI parameter), so any write
    /// fails instead of changing it.
    public private(set) var sqliteReadOnly = false

    public var dialect: Dialect {
        switch target {
        case .sqlite: return .sqlite
        case .postgresql: return .postgresql
        case .mysql: return .mysql
        }
    }

    public var description: String { redacted }

    public init(sqlitePath: String) {
        target = .sqlite(path: sqlitePath)
        redacted = "sqlite:///" + sqlitePath
    }

    /// - Throws: `ConnectionURLError` naming what is wrong, never echoing a password.
    public init(parsing text: String) throws {
        let trimmed = text.trimmedOfWhitespace
        guard !trimmed.isEmpty else { throw ConnectionURLError.empty }
        guard let schemeEnd = trimmed.firstRange(of: "://") else {
            if trimmed.contains("=") {
                self = try Self.parseConninfo(trimmed)
                return
            }
            throw ConnectionURLError.malformed(reason: "expected an SQLAlchemy URL such as sqlite:////var/lib/glance/glance.sqlite or postgresql://user@host/glance")
        }
        let scheme = String(trimmed[..<schemeEnd.lowerBound]).lowercased()
        let rest = String(trimmed[schemeEnd.upperBound...])
        let backend = scheme.split(separator: "+", maxSplits: 1).first.map(String.init) ?? scheme
        switch backend {
        case "sqlite":
            self = try Self.parseSQLite(rest: rest, original: trimmed)
        case "postgresql", "postgres":
            self = try Self.parsePostgres(rest: rest)
        case "mysql", "mariadb":
            self = try Self.parseMySQL(scheme: scheme, rest: rest)
        default:
            throw ConnectionURLError.unsupportedBackend(backend)
        }
    }

    private static func parseSQLite(rest: String, original: String) throws -> ConnectionURL {
        // SQLAlchemy: "sqlite://" is in-memory, "sqlite:///x" is relative x, "sqlite:////x" is absolute /x.
        var path = rest
        var readOnly = false
        if let q = path.firstIndex(of: "?") {
            readOnly = path[path.index(after: q)...].split(separator: "&").contains("mode=ro")
            path = String(path[..<q])
        }
        if path.isEmpty { return ConnectionURL(target: .sqlite(path: ":memory:"), redacted: "sqlite://") }
        guard path.hasPrefix("/") else {
            throw ConnectionURLError.malformed(reason: "a SQLite URL needs three slashes before a relative path (sqlite:///glance.sqlite) or four before an absolute one")
        }
        path.removeFirst()
        guard !path.isEmpty else { throw ConnectionURLError.malformed(reason: "the SQLite URL names no file") }
        var url = ConnectionURL(target: .sqlite(path: percentDecoded(path)), redacted: original)
        url.sqliteReadOnly = readOnly
        return url
    }

    private static func parsePostgres(rest: String) throws -> ConnectionURL {
        var remainder = rest
        var query = ""
        if let q = remainder.firstIndex(of: "?") {
            query = String(remainder[remainder.index(after: q)...])
            remainder = String(remainder[..<q])
        }
        var authority = remainder
        var database = ""
        if let slash = remainder.firstIndex(of: "/") {
            authority = String(remainder[..<slash])
            database = String(remainder[remainder.index(after: slash)...])
        }
        var userInfo: String?
        var hostPart = authority
        // The password may itself contain '@' when not encoded; the last '@' separates host.
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[..<at])
            hostPart = String(authority[authority.index(after: at)...])
        }
        var parameters: [PostgresParameter] = []
        var redactedAuthority = hostPart
        if let userInfo {
            var user = userInfo
            var hasPassword = false
            if let colon = userInfo.firstIndex(of: ":") {
                user = String(userInfo[..<colon])
                let password = percentDecoded(String(userInfo[userInfo.index(after: colon)...]))
                parameters.append(PostgresParameter("password", password))
                hasPassword = true
            }
            if !user.isEmpty { parameters.insert(PostgresParameter("user", percentDecoded(user)), at: 0) }
            redactedAuthority = user + (hasPassword ? ":***" : "") + "@" + hostPart
        }
        if !hostPart.isEmpty {
            var host = hostPart
            if hostPart.hasPrefix("[") , let close = hostPart.firstIndex(of: "]") {
                host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
                let after = hostPart[hostPart.index(after: close)...]
                if after.hasPrefix(":") { parameters.append(PostgresParameter("port", String(after.dropFirst()))) }
            } else if let colon = hostPart.lastIndex(of: ":") {
                host = String(hostPart[..<colon])
                let port = String(hostPart[hostPart.index(after: colon)...])
                guard !port.isEmpty, port.allSatisfy(\.isNumber) else {
                    throw ConnectionURLError.malformed(reason: "the port in the PostgreSQL URL is not a number")
                }
                parameters.append(PostgresParameter("port", port))
            }
            if !host.isEmpty { parameters.append(PostgresParameter("host", percentDecoded(host))) }
        }
        if !database.isEmpty { parameters.append(PostgresParameter("dbname", percentDecoded(database))) }
        var redactedQuery: [String] = []
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let key = kv[0]
            let value = kv.count > 1 ? percentDecoded(kv[1]) : ""
            // psycopg2 passes unknown query keys straight to libpq; SQLAlchemy-only keys are dropped.
            if ["client_encoding", "charset", "plugin"].contains(key) { continue }
            parameters.append(PostgresParameter(key, value))
            redactedQuery.append(key == "password" ? "password=***" : String(pair))
        }
        let redacted = "postgresql://" + redactedAuthority + (database.isEmpty ? "" : "/" + database)
            + (redactedQuery.isEmpty ? "" : "?" + redactedQuery.joined(separator: "&"))
        return ConnectionURL(target: .postgresql(parameters: parameters), redacted: redacted)
    }

    private static func parseConninfo(_ text: String) throws -> ConnectionURL {
        var parameters: [PostgresParameter] = []
        var chars = Array(text)
        var i = 0
        func skipSpaces() { while i < chars.count, chars[i] == " " { i += 1 } }
        while true {
            skipSpaces()
            if i >= chars.count { break }
            var key = ""
            while i < chars.count, chars[i] != "=", chars[i] != " " { key.append(chars[i]); i += 1 }
            skipSpaces()
            guard i < chars.count, chars[i] == "=" else {
                throw ConnectionURLError.malformed(reason: "conninfo keyword '\(key)' has no value")
            }
            i += 1
            skipSpaces()
            var value = ""
            if i < chars.count, chars[i] == "'" {
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == "\\", i + 1 < chars.count { value.append(chars[i + 1]); i += 2; continue }
                    if chars[i] == "'" { closed = true; i += 1; break }
                    value.append(chars[i]); i += 1
                }
                guard closed else { throw ConnectionURLError.malformed(reason: "unterminated quote in conninfo") }
            } else {
                while i < chars.count, chars[i] != " " { value.append(chars[i]); i += 1 }
            }
            parameters.append(PostgresParameter(key, value))
        }
        chars.removeAll()
        let redacted = parameters.map { $0.keyword == "password" ? "password=***" : "\($0.keyword)=\($0.value)" }
            .joined(separator: " ")
        return ConnectionURL(target: .postgresql(parameters: parameters), redacted: redacted)
    }

    init(target: Target, redacted: String) {
        self.target = target
        self.redacted = redacted
    }
}

public enum ConnectionURLError: Error, CustomStringConvertible, Equatable, Sendable {
    case empty
    case malformed(reason: String)
    case unsupportedBackend(String)

    public var description: String {
        switch self {
        case .empty: return "the database connection URL is empty"
        case .malformed(let reason): return "malformed database connection URL: \(reason)"
        case .unsupportedBackend(let name): return "unsupported database backend '\(name)': glance-bridge speaks sqlite, postgresql and mysql"
        }
    }
}

/// Decodes `%XX` escapes as SQLAlchemy does for user, password, host and database names.
func percentDecoded(_ text: String) -> String {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
        if byte == UInt8(ascii: "%"), utf8.count >= 2,
           let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        } else {
            bytes.append(byte)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

extension String {
    /// Leading and trailing spaces, tabs and line ends removed (no Foundation needed).
    public var trimmedOfWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
