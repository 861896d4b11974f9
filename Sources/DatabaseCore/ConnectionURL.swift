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
    /// SQLite's `mode` URI parameter (`sqlite:///x.sqlite?mode=ro`), validated as SQLite validates it.
    public private(set) var sqliteMode = SQLiteMode.readWriteCreate

    /// `?mode=ro`: the file is opened read-only, so any write fails instead of changing it.
    public var sqliteReadOnly: Bool { sqliteMode == .readOnly }
    /// `?mode=ro` and `?mode=rw` never create the file.
    public var sqliteMustExist: Bool { sqliteMode == .readOnly || sqliteMode == .readWrite }

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
        // Found by hand rather than with `firstRange(of:)`, whose string searcher (the _StringProcessing
        // module) would be paged in for this alone on `db version`'s path.
        guard let schemeEnd = Self.schemeSeparator(in: trimmed) else {
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

    /// The range of the first `://` in `text`.
    private static func schemeSeparator(in text: String) -> Range<String.Index>? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index...].starts(with: "://".utf8) {
                return index..<utf8.index(index, offsetBy: 3)
            }
            index = utf8.index(after: index)
        }
        return nil
    }

    private static func parseSQLite(rest: String, original: String) throws -> ConnectionURL {
        // SQLAlchemy: "sqlite://" is in-memory, "sqlite:///x" is relative x, "sqlite:////x" is absolute /x;
        // the path is used as written (SQLAlchemy does not percent-decode a database name).
        let parts = SQLAlchemyURL(rest: rest)
        guard parts.user == nil, parts.password == nil, parts.host == nil, parts.port == nil else {
            throw ConnectionURLError.malformed(reason: "a SQLite URL needs three slashes before a relative path (sqlite:///glance.sqlite) or four before an absolute one")
        }
        var mode = SQLiteMode.readWriteCreate
        // SQLite reads URI parameters in order, so the last `mode` wins; its names are case-sensitive.
        for (key, value) in parts.queryPairs where key == "mode" {
            guard let known = SQLiteMode(rawValue: value) else {
                throw ConnectionURLError.malformed(reason: "no such access mode: \(value) (SQLite's modes are ro, rw, rwc, memory)")
            }
            mode = known
        }
        guard let path = parts.database else {
            return ConnectionURL(target: .sqlite(path: ":memory:"), redacted: "sqlite://")
        }
        guard !path.isEmpty else { throw ConnectionURLError.malformed(reason: "the SQLite URL names no file") }
        var url = ConnectionURL(target: .sqlite(path: mode == .memory ? ":memory:" : path), redacted: original)
        url.sqliteMode = mode
        return url
    }

    private static func parsePostgres(rest: String) throws -> ConnectionURL {
        let parts = SQLAlchemyURL(rest: rest)
        // SQLAlchemy ends a password at its first '@'; a second one lands in the host or the database, where
        // it would be printed. Refuse instead, without echoing any of it.
        guard !(parts.host ?? "").contains("@"), !(parts.database ?? "").contains("@"), !(parts.port ?? "").contains("@")
        else {
            throw ConnectionURLError.malformed(reason: "'@' after the user name and password (write '@' in a password as %40)")
        }
        var parameters: [PostgresParameter] = []
        if let user = parts.user, !user.isEmpty { parameters.append(PostgresParameter("user", percentDecoded(user))) }
        if let password = parts.password { parameters.append(PostgresParameter("password", percentDecoded(password))) }
        if let port = parts.port, !port.isEmpty {
            guard port.allSatisfy(\.isNumber) else {
                throw ConnectionURLError.malformed(reason: "the port in the PostgreSQL URL is not a number")
            }
            parameters.append(PostgresParameter("port", port))
        }
        if let host = parts.host { parameters.append(PostgresParameter("host", host)) }
        if let database = parts.database, !database.isEmpty { parameters.append(PostgresParameter("dbname", database)) }
        for (key, value) in parts.queryPairs {
            // psycopg2 passes unknown query keys straight to libpq; SQLAlchemy-only keys are dropped.
            if ["client_encoding", "charset", "plugin"].contains(key) { continue }
            parameters.append(PostgresParameter(key, value))
        }
        var redacted = "postgresql://"
        if parts.user != nil || parts.password != nil {
            redacted += (parts.user ?? "") + (parts.password == nil ? "" : ":***") + "@"
        }
        if let host = parts.host { redacted += host.contains(":") ? "[\(host)]" : host }
        if let port = parts.port, !port.isEmpty { redacted += ":" + port }
        if let database = parts.database, !database.isEmpty { redacted += "/" + database }
        let query = (parts.query ?? "").split(separator: "&").filter { !$0.isEmpty }
            .map { $0.hasPrefix("password=") ? "password=***" : String($0) }
        if !query.isEmpty { redacted += "?" + query.joined(separator: "&") }
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

/// SQLite's `mode` URI parameter (https://sqlite.org/uri.html): exactly these four lower-case names.
public enum SQLiteMode: String, Sendable, Hashable {
    case readOnly = "ro"
    case readWrite = "rw"
    case readWriteCreate = "rwc"
    case memory
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

/// Decodes `%XX` escapes as SQLAlchemy does for the user name, the password and query values.
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
