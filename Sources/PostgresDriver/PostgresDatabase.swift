import CLibPQ
import DatabaseCore

/// A connection to one PostgreSQL database through libpq.
///
/// Statements use `?` placeholders like every other driver; they are rewritten to `$1, $2…` and sent with
/// `PQexecParams` in text format. Server notices ("… does not exist, skipping") are discarded so that they
/// never reach the operator's terminal.
///
/// ```swift
/// let db = try PostgresDatabase(parameters: [.init("host", "/run/postgresql"), .init("dbname", "glance")])
/// let rows = try db.query("SELECT version_num FROM alembic_version")
/// ```
public final class PostgresDatabase: Database {
    public let dialect = Dialect.postgresql
    /// PostgreSQL takes row and DDL locks as statements run; migrators serialise through an advisory lock.
    public let beginWriteStatement = "BEGIN"
    /// One snapshot for every statement of the transaction (READ COMMITTED takes one per statement).
    public let beginReadStatement = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
    private let connection: OpaquePointer

    /// Connects with libpq keyword/value parameters (`host`, `port`, `user`, `password`, `dbname`, `sslmode`…).
    ///
    /// `connect_timeout` defaults to 10 seconds, `application_name` to `glance-bridge` and `client_encoding`
    /// to `UTF8` (results are decoded as UTF-8), unless the parameters say otherwise.
    /// - Throws: `DatabaseError` of kind `.cannotConnect`; its message never contains the password.
    public init(parameters: [ConnectionURL.PostgresParameter]) throws {
        _ = try LibPQ.loaded() // a clear error when libpq is not installed, before any call into it
        var all = parameters
        for (keyword, value) in [("connect_timeout", "10"), ("application_name", "glance-bridge"), ("client_encoding", "UTF8")]
        where !parameters.contains(where: { $0.keyword == keyword }) {
            all.append(.init(keyword, value))
        }
        // expand_dbname = 0: a dbname that looks like a conninfo string or URL is taken literally.
        let handle = withCStringArrays(all.map(\.keyword), all.map(\.value)) { keywords, values in
            PQconnectdbParams(keywords, values, 0)
        }
        guard let handle else {
            throw DatabaseError(kind: .cannotConnect, code: "08001",
                                message: "cannot connect to PostgreSQL: libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let detail = Self.firstLine(of: String(cString: PQerrorMessage(handle)))
            let host = all.last { $0.keyword == "host" || $0.keyword == "hostaddr" }?.value
                ?? PQhost(handle).map { String(cString: $0) } ?? "default"
            let database = all.last { $0.keyword == "dbname" }?.value ?? PQdb(handle).map { String(cString: $0) } ?? "default"
            PQfinish(handle)
            var message = "cannot connect to PostgreSQL (host=\(host), dbname=\(database)): \(detail)"
            // libpq does not echo passwords, but a server or a future libpq might; never let one through.
            for secret in parameters where secret.keyword == "password" && !secret.value.isEmpty {
                message = message.replacing(secret.value, with: "***")
            }
            throw DatabaseError(kind: .cannotConnect, code: "08001", message: message)
        }
        connection = handle
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(connection) }

    public func executeScript(_ sql: String) throws {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        try check(result, sql)
    }

    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        let result = run(sql, parameters)
        defer { PQclear(result) }
        try check(result, sql)
        guard let tuples = PQcmdTuples(result) else { return 0 }
        return Int(String(cString: tuples)) ?? 0
    }

    public func query(_ sql: String, _ parameters: [SQLValue]) throws -> [Row] {
        let result = run(sql, parameters)
        defer { PQclear(result) }
        try check(result, sql)
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let types = (0..<columnCount).map { PQftype(result, $0) }
        var rows: [Row] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(.null)
                    continue
                }
                let text = String(cString: PQgetvalue(result, row, column))
                values.append(Self.value(text, typeOID: types[Int(column)]))
            }
            rows.append(Row(columns: columns, values: values))
        }
        return rows
    }

    /// Whether an ordinary or partitioned table of that name exists in `current_schema()`.
    public func tableExists(_ name: String) throws -> Bool {
        try !query("""
            SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p')
            """, [.text(name)]).isEmpty
    }

    public func tableNames() throws -> [String] {
        try query("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
            .compactMap { $0["tablename"].stringValue }
    }

    /// PostgreSQL always enforces foreign keys.
    public func withForeignKeysEnforced<T>(_ body: () throws -> T) throws -> T { try body() }

    /// PostgreSQL checks every reference as it is written; nothing is left to verify.
    public func verifyForeignKeys(involving table: String) throws {}
    /// The migration lock: a session-level advisory lock held by this very connection, so that it ends
    /// with the session that migrates. (Held on a connection of its own, a terminated or timed-out lock
    /// session let the run carry on unlocked while a second run started beside it.) The server drops it
    /// if the process dies.
    public func tryAcquireMigrationLock() throws -> Bool {
        try tryAdvisoryLock(Self.migrationLockKey)
    }

    public func releaseMigrationLock() throws {
        try advisoryUnlock(Self.migrationLockKey)
    }

    /// The advisory lock key every glance-bridge process agrees on: "glance" in ASCII.
    public static let migrationLockKey: Int64 = 0x676c_616e_6365

    public func backUp(toNewFile path: String) throws {
        throw BackupError.notSupported(product: "PostgreSQL", advice: "back it up with pg_dump before upgrading")
    }

    /// Takes the session-level advisory lock `key` if no other session holds it.
    /// - Returns: whether the lock was taken.
    public func tryAdvisoryLock(_ key: Int64) throws -> Bool {
        try query("SELECT pg_try_advisory_lock(?::bigint) AS locked", [.integer(key)]).first?["locked"].boolValue ?? false
    }

    /// Releases a session-level advisory lock taken with `tryAdvisoryLock(_:)`.
    public func advisoryUnlock(_ key: Int64) throws {
        _ = try query("SELECT pg_advisory_unlock(?::bigint)", [.integer(key)])
    }

    // MARK: - Statements

    private func run(_ sql: String, _ parameters: [SQLValue]) -> OpaquePointer? {
        let translated = Self.numberedPlaceholders(sql)
        let texts: [String?] = parameters.map(Self.text(binding:))
        return withOptionalCStrings(texts) { values in
            PQexecParams(connection, translated, Int32(values.count), nil, values, nil, nil, 0)
        }
    }

    private func check(_ result: OpaquePointer?, _ sql: String) throws {
        guard let result else {
            throw DatabaseError(kind: .statementFailed, code: "08006",
                                message: Self.firstLine(of: String(cString: PQerrorMessage(connection))), sql: sql)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return
        default:
            let code = PQresultErrorField(result, diagnosticSQLState).map { String(cString: $0) } ?? ""
            let primary = PQresultErrorField(result, diagnosticPrimaryMessage).map { String(cString: $0) }
                ?? Self.firstLine(of: String(cString: PQresultErrorMessage(result)))
            let kind: DatabaseError.Kind
            switch code {
            case "25006": kind = .readOnly                // read_only_sql_transaction
            case "55P03", "40P01": kind = .busy           // lock_not_available, deadlock_detected
            case "23503": kind = .foreignKeyViolation     // foreign_key_violation
            case "23505": kind = .uniqueViolation         // unique_violation
            default: kind = .statementFailed
            }
            throw DatabaseError(kind: kind, code: code, message: primary, sql: sql)
        }
    }

    /// Rewrites `?` placeholders to `$1, $2…`, leaving question marks inside string literals (including
    /// `E'…'` with backslash escapes), quoted identifiers, dollar-quoted strings and comments alone.
    static func numberedPlaceholders(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        let chars = Array(sql)
        var output = ""
        output.reserveCapacity(sql.utf8.count + 8)
        var number = 0
        var i = 0
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "$" }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "'":
                let backslashEscapes = i > 0 && (chars[i - 1] == "E" || chars[i - 1] == "e")
                    && (i < 2 || !isWordCharacter(chars[i - 2]))
                var j = i + 1
                while j < chars.count {
                    if backslashEscapes, chars[j] == "\\" { j += 2; continue }
                    if chars[j] == "'" {
                        if j + 1 < chars.count, chars[j + 1] == "'" { j += 2; continue }
                        break
                    }
                    j += 1
                }
                let end = min(j + 1, chars.count)
                output.append(contentsOf: String(chars[i..<end]))
                i = end
            case "\"":
                var j = i + 1
                while j < chars.count, chars[j] != "\"" { j += 1 }
                let end = min(j + 1, chars.count)
                output.append(contentsOf: String(chars[i..<end]))
                i = end
            case "-" where i + 1 < chars.count && chars[i + 1] == "-":
                var j = i
                while j < chars.count, chars[j] != "\n" { j += 1 }
                output.append(contentsOf: String(chars[i..<j]))
                i = j
            case "/" where i + 1 < chars.count && chars[i + 1] == "*":
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == "*" && chars[j + 1] == "/") { j += 1 }
                let end = min(j + 2, chars.count)
                output.append(contentsOf: String(chars[i..<end]))
                i = end
            case "$" where i == 0 || !isWordCharacter(chars[i - 1]):
                // A dollar quote: $$…$$ or $tag$…$tag$ (a tag never starts with a digit, so $1 is not one).
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j] == "_" || (j > i + 1 && chars[j].isNumber) { j += 1 }
                guard j < chars.count, chars[j] == "$" else {
                    output.append(c)
                    i += 1
                    continue
                }
                let tag = Array(chars[i...j])
                var k = j + 1
                while k + tag.count <= chars.count, Array(chars[k..<(k + tag.count)]) != tag { k += 1 }
                let end = k + tag.count <= chars.count ? k + tag.count : chars.count
                output.append(contentsOf: String(chars[i..<end]))
                i = end
            case "?":
                number += 1
                output.append("$\(number)")
                i += 1
            default:
                output.append(c)
                i += 1
            }
        }
        return output
    }

    /// The text-format form of a bound value; nil binds SQL NULL.
    static func text(binding value: SQLValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return v
        case .blob(let bytes):
            // bytea's hex input format: \x followed by two hex digits per byte.
            let digits: [Character] = Array("0123456789abcdef")
            var hex = "\\x"
            hex.reserveCapacity(2 + bytes.count * 2)
            for byte in bytes {
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0x0f)])
            }
            return hex
        }
    }

    /// Integer and boolean columns come back as `.integer` so that `intValue`/`boolValue` behave as on SQLite.
    static func value(_ text: String, typeOID: Oid) -> SQLValue {
        switch typeOID {
        case 20, 21, 23: // int8, int2, int4
            return Int64(text).map(SQLValue.integer) ?? .text(text)
        case 16: // bool
            return .integer(text == "t" ? 1 : 0)
        case 17: // bytea, in the hex output format (`bytea_output = hex`, the default since 9.0)
            return hexBytes(text).map(SQLValue.blob) ?? .text(text)
        default:
            return .text(text)
        }
    }

    /// `\x0a1b…` to bytes; nil for anything else (the old `escape` output format).
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count >= 2, digits[0] == UInt8(ascii: "\\"), digits[1] == UInt8(ascii: "x"), digits.count % 2 == 0
        else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2 - 1)
        var index = 2
        while index < digits.count {
            guard let high = hexDigit(digits[index]), let low = hexDigit(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func firstLine(of message: String) -> String {
        let line = message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? message
        return line.trimmedOfWhitespace
    }
}

/// libpq's `PG_DIAG_SQLSTATE` and `PG_DIAG_MESSAGE_PRIMARY` are character-literal macros, which Swift does not import.
private let diagnosticSQLState = Int32(UInt8(ascii: "C"))
private let diagnosticPrimaryMessage = Int32(UInt8(ascii: "M"))

/// Calls `body` with two NULL-terminated arrays of C strings that stay valid for the duration of the call.
private func withCStringArrays<R>(_ first: [String], _ second: [String],
                                  _ body: (UnsafePointer<UnsafePointer<CChar>?>, UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let a = first.map(duplicateCString) + [nil]
    let b = second.map(duplicateCString) + [nil]
    defer { (a + b).forEach { $0?.deallocate() } }
    let constA = a.map { $0.map { UnsafePointer<CChar>($0) } }
    let constB = b.map { $0.map { UnsafePointer<CChar>($0) } }
    return constA.withUnsafeBufferPointer { pa in
        constB.withUnsafeBufferPointer { pb in body(pa.baseAddress!, pb.baseAddress!) }
    }
}

/// Calls `body` with an array of C strings (nil entries stay nil) that stay valid for the duration of the call.
private func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { $0.map(duplicateCString) }
    defer { copies.forEach { $0?.deallocate() } }
    return body(copies.map { $0.map { UnsafePointer<CChar>($0) } })
}

private func duplicateCString(_ text: String) -> UnsafeMutablePointer<CChar> {
    let utf8 = text.utf8CString
    let copy = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
    utf8.withUnsafeBufferPointer { copy.initialize(from: $0.baseAddress!, count: $0.count) }
    return copy
}
