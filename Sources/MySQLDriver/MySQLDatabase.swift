import CMariaDB
import DatabaseCore

/// A connection to one MySQL or MariaDB database through MariaDB Connector/C.
///
/// Each connection is set up as oslo.db sets up Glance's: `SET SESSION sql_mode = 'TRADITIONAL'` (so a value
/// too long for its column or a bad enum value is an error, not a silent truncation) and the URL's
/// character set, `utf8` by default. `?` placeholders are filled in on the client, escaped by the library for
/// the connection's character set, as PyMySQL does for Glance; scripts run as one multi-statement round trip.
///
/// ```swift
/// let db = try MySQLDatabase(parameters: MySQLParameters(unixSocket: "/run/mysqld/mysqld.sock",
///                                                        user: "glance", database: "glance"))
/// let rows = try db.query("SELECT version_num FROM alembic_version")
/// ```
public final class MySQLDatabase: Database {
    public let dialect = Dialect.mysql
    /// InnoDB takes row locks as statements run; migrators serialise through a named lock.
    public let beginWriteStatement = "START TRANSACTION"
    /// The server's version string, e.g. `10.11.6-MariaDB-0+deb12u1`.
    public let serverVersion: String
    /// Whether the server replicates through Galera (`wsrep_on`): the migration lock is then a leased row
    /// in `glance_bridge_lock` instead of a named lock, which holds on one node only.
    public let isGalera: Bool
    /// How this connection was made, for the lease's own connection (Galera only).
    let parameters: MySQLParameters
    /// The Galera lease this connection took or is trying to take; nil until the first attempt.
    var lease: GaleraLease?
    private let api: LibMariaDB
    private let handle: LibMariaDB.Handle

    /// The `sql_mode` oslo.db gives Glance's sessions (its `mysql_sql_mode` default).
    public static let sessionSQLMode = "TRADITIONAL"

    /// Connects as the parameters say; unset values come from `read_default_file` when one is given.
    ///
    /// The connect timeout defaults to 10 seconds. Rows found (not rows changed) count as affected, as
    /// SQLAlchemy asks of both MySQL drivers, so an UPDATE that sets a value to itself still reports its row.
    /// - Throws: `DatabaseError` of kind `.cannotConnect`; its message never contains the password.
    public init(parameters: MySQLParameters) throws {
        let api = try LibMariaDB.loaded()
        guard let handle = api.initialize(nil) else {
            throw DatabaseError(kind: .cannotConnect, code: "2008", message: "cannot connect to MySQL: out of memory")
        }
        do {
            try Self.applyOptions(parameters, api: api, handle: handle)
            let flags = UInt(CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS | UInt(CLIENT_FOUND_ROWS))
            let connected = withOptionalCString(parameters.host) { host in
                withOptionalCString(parameters.user) { user in
                    withOptionalCString(parameters.password) { password in
                        withOptionalCString(parameters.database) { database in
                            withOptionalCString(parameters.unixSocket) { socket in
                                api.realConnect(handle, host, user, password, database,
                                                UInt32(parameters.port ?? 0), socket, flags)
                            }
                        }
                    }
                }
            }
            guard connected != nil else { throw Self.connectError(api: api, handle: handle, parameters) }
            // Checked here rather than left to MYSQL_OPT_SSL_ENFORCE, which Connector/C 3.3 honours only with
            // certificate verification on: any TLS option means TLS or no connection, never plain text.
            if parameters.usesTLS, api.sslCipher(handle) == nil {
                throw DatabaseError(kind: .cannotConnect, code: "2026", message: "cannot connect to MySQL "
                                    + "(\(parameters.endpoint), database=\(parameters.database ?? "default")): "
                                    + "TLS was asked for (ssl_* in the URL) but the connection does not use it")
            }
            // An option file's default-character-set applies at connect; a charset in the URL wins over it,
            // as PyMySQL lets explicit arguments win over read_default_file.
            if let charset = parameters.charset, api.setCharacterSet(handle, charset) != 0 {
                throw Self.connectError(api: api, handle: handle, parameters)
            }
        } catch {
            api.close(handle)
            throw error
        }
        self.api = api
        self.handle = handle
        self.parameters = parameters
        serverVersion = api.serverInfo(handle).map { String(cString: $0) } ?? ""
        // MySQL without Galera has no wsrep_on at all; MariaDB has it, OFF unless the node replicates.
        isGalera = try Self.variable("wsrep_on", api: api, handle: handle)?.uppercased() == "ON"
        try executeScript("SET SESSION sql_mode = '\(Self.sessionSQLMode)'")
    }

    deinit {
        // The lease ends with the connection that took it, as a named lock would.
        lease?.end()
        api.close(handle)
    }

    /// A server variable read before `self` exists, or nil where the server has none of that name.
    private static func variable(_ name: String, api: LibMariaDB, handle: LibMariaDB.Handle) throws -> String? {
        let sql = "SHOW VARIABLES LIKE '\(name)'"
        guard sql.withCString({ api.realQuery(handle, $0, UInt(sql.utf8.count)) }) == 0,
              let result = api.storeResult(handle) else {
            throw DatabaseError(kind: .statementFailed, code: String(api.errno(handle)),
                                message: api.error(handle).map { String(cString: $0) } ?? "unknown MySQL error",
                                sql: sql)
        }
        defer { api.freeResult(result) }
        guard api.numFields(result) >= 2, let row = api.fetchRow(result), let value = row[1] else { return nil }
        return String(cString: value)
    }

    /// Runs every statement of `sql` in one round trip and reads every result, so that the connection is ready
    /// for the next statement. MySQL stops at the first failing statement.
    /// - Throws: `DatabaseError` whose `sql` is the statement that failed (not the whole script).
    public func executeScript(_ sql: String) throws {
        var succeeded = 0
        try send(sql) { self.scriptError(sql, failedAt: 0) }
        while true {
            try discardResult(sql)
            let status = api.nextResult(handle)
            if status < 0 { return }
            succeeded += 1
            if status > 0 { throw scriptError(sql, failedAt: succeeded) }
        }
    }

    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        let statement = try bind(sql, parameters)
        try send(statement) { self.error(statement) }
        let count: Int
        if api.fieldCount(handle) > 0 {
            count = try readRows(statement).count
        } else {
            let affected = api.affectedRows(handle)
            count = affected == UInt64.max ? 0 : Int(affected)
        }
        try drainResults(statement)
        return count
    }

    public func query(_ sql: String, _ parameters: [SQLValue]) throws -> [Row] {
        let statement = try bind(sql, parameters)
        try send(statement) { self.error(statement) }
        let rows = api.fieldCount(handle) > 0 ? try readRows(statement) : []
        try drainResults(statement)
        return rows
    }

    /// Whether a base table of that name (exactly, case included) exists in the current database.
    public func tableExists(_ name: String) throws -> Bool {
        // information_schema compares names case-insensitively; the server's table names are not.
        try query("""
            SELECT TABLE_NAME FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'
            """, [.text(name)]).contains { $0["TABLE_NAME"].stringValue == name }
    }

    /// Base tables of the current database, sorted by their exact (binary) names.
    public func tableNames() throws -> [String] {
        try query("""
            SELECT TABLE_NAME AS name FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY BINARY TABLE_NAME
            """).compactMap { $0["name"].stringValue }
    }

    /// InnoDB enforces foreign keys unless the session turned `foreign_key_checks` off; this turns it on for
    /// `body` and restores the session's setting after.
    public func withForeignKeysEnforced<T>(_ body: () throws -> T) throws -> T {
        let wasOn = try query("SELECT @@SESSION.foreign_key_checks AS on_").first?["on_"].intValue == 1
        if wasOn { return try body() }
        try executeScript("SET SESSION foreign_key_checks = 1")
        defer { try? executeScript("SET SESSION foreign_key_checks = 0") }
        return try body()
    }

    /// InnoDB checks every reference as it is written (`foreign_key_checks` stays on); none can be broken.
    public func foreignKeyViolations(in table: String) throws -> Set<String> { [] }

    /// One InnoDB snapshot for the whole transaction. DDL is not under it, but each table read holds a
    /// shared metadata lock until the transaction ends, so no DROP gets past a table once read; a table
    /// changed between the snapshot and its first read fails with "table definition has changed", which
    /// the caller may retry. (Not yet covered by `DetectionSnapshotTests`, which runs SQLite and PostgreSQL.)
    public func inReadSnapshot<T>(protecting tables: [String], _ body: () throws -> T) throws -> T {
        try inTransaction(beginning: "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY", body)
    }

    /// The migration lock. On a single server: a named lock (`GET_LOCK`) held by this very connection, so
    /// that it ends with the session that migrates; the server drops it if the process dies. Named locks are
    /// server-wide, so the name carries the database's (hashed when too long for MySQL's 64 characters).
    ///
    /// On Galera a named lock holds on one node only (measured: node 2 took at once the lock node 1 held), so
    /// the lock is a leased row that every node certifies instead (`GaleraLease`).
    public func tryAcquireMigrationLock() throws -> Bool {
        guard isGalera else { return try getLock(migrationLockName()) }
        if lease == nil { lease = try GaleraLease(for: self) }
        return try lease!.tryAcquire()
    }

    public func releaseMigrationLock() throws {
        guard isGalera else { return try releaseLock(migrationLockName()) }
        lease?.end()
    }

    private func migrationLockName() throws -> String {
        let row = try query("SELECT DATABASE() AS name, MD5(DATABASE()) AS digest").first
        let database = row?["name"].stringValue ?? ""
        let name = "glance-bridge." + database
        return name.utf8.count <= 64 ? name : "glance-bridge." + (row?["digest"].stringValue ?? "")
    }

    public func backUp(toNewFile path: String) throws {
        throw BackupError.notSupported(product: "MySQL",
                                       advice: "back it up with mariadb-dump (mysqldump) before upgrading")
    }

    /// Takes the named lock `name` (`GET_LOCK`, held by this session until released or disconnected).
    /// - Parameter timeout: seconds to wait; 0 tries once.
    /// - Returns: whether the lock was taken.
    public func getLock(_ name: String, timeout: Int = 0) throws -> Bool {
        try query("SELECT GET_LOCK(?, ?) AS locked", [.text(name), .integer(Int64(timeout))]).first?["locked"]
            .intValue == 1
    }

    /// Releases a named lock taken with `getLock(_:timeout:)`.
    public func releaseLock(_ name: String) throws {
        _ = try query("SELECT RELEASE_LOCK(?)", [.text(name)])
    }

    // MARK: - Statements

    /// `sql` with each `?` replaced by its parameter as an escaped literal.
    private func bind(_ sql: String, _ parameters: [SQLValue]) throws -> String {
        try MySQLStatementText.bind(sql, parameters) { text in
            let utf8 = Array(text.utf8)
            var buffer = [CChar](repeating: 0, count: utf8.count * 2 + 1)
            let length = utf8.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) {
                    api.realEscapeString(handle, &buffer, $0.baseAddress, UInt($0.count))
                }
            }
            return String(decoding: buffer[..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    private func send(_ sql: String, orThrow failure: () -> DatabaseError) throws {
        let status = sql.withCString { api.realQuery(handle, $0, UInt(sql.utf8.count)) }
        if status != 0 { throw failure() }
    }

    /// Reads the rest of a multi-statement round trip (a single statement has none) and fails on an error in it.
    private func drainResults(_ sql: String) throws {
        while true {
            let status = api.nextResult(handle)
            if status < 0 { return }
            if status > 0 { throw error(sql) }
            try discardResult(sql)
        }
    }

    private func discardResult(_ sql: String) throws {
        guard api.fieldCount(handle) > 0 else { return }
        guard let result = api.storeResult(handle) else { throw error(sql) }
        api.freeResult(result)
    }

    private func readRows(_ sql: String) throws -> [Row] {
        guard let result = api.storeResult(handle) else { throw error(sql) }
        defer { api.freeResult(result) }
        let count = Int(api.numFields(result))
        guard let fields = api.fetchFields(result) else { return [] }
        let columns = (0..<count).map { String(cString: fields[$0].name) }
        let kinds = (0..<count).map { MySQLValueKind(type: fields[$0].type, charset: fields[$0].charsetnr) }
        var rows: [Row] = []
        rows.reserveCapacity(Int(api.numRows(result)))
        while let row = api.fetchRow(result), let lengths = api.fetchLengths(result) {
            var values: [SQLValue] = []
            values.reserveCapacity(count)
            for column in 0..<count {
                guard let data = row[column] else {
                    values.append(.null)
                    continue
                }
                let bytes = UnsafeRawBufferPointer(start: data, count: Int(lengths[column]))
                values.append(kinds[column].value(bytes))
            }
            rows.append(Row(columns: columns, values: values))
        }
        return rows
    }

    // MARK: - Errors

    private func error(_ sql: String) -> DatabaseError {
        let number = api.errno(handle)
        let message = api.error(handle).map { String(cString: $0) } ?? "unknown MySQL error"
        let state = api.sqlState(handle).map { String(cString: $0) }
        return DatabaseError(kind: Self.kind(ofErrno: number), code: String(number), message: message, sql: sql,
                             sqlState: state)
    }

    /// The error of statement `index` (from 0) of a script, carrying that statement rather than the script.
    private func scriptError(_ script: String, failedAt index: Int) -> DatabaseError {
        let statements = MySQLStatementText.statements(script)
        return error(index < statements.count ? statements[index] : script)
    }

    /// Lock waits and deadlocks are `.busy` (retry later); writes refused by `read_only` or a read-only
    /// transaction are `.readOnly`; duplicate keys and foreign-key failures as oslo.db classifies them.
    static func kind(ofErrno number: UInt32) -> DatabaseError.Kind {
        switch number {
        case 1062, 1586: return .uniqueViolation    // ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME
        case 1216, 1217, 1451, 1452: return .foreignKeyViolation // ER_NO_REFERENCED_ROW(_2), ER_ROW_IS_REFERENCED(_2)
        case 1205, 1213, 3572: return .busy         // ER_LOCK_WAIT_TIMEOUT, ER_LOCK_DEADLOCK, ER_LOCK_NOWAIT
        case 1290, 1792, 1036: return .readOnly     // --read-only, READ ONLY transaction, read-only table
        case 2002, 2003, 2005, 2006, 2013, 2055: return .cannotConnect // server gone or unreachable
        default: return .statementFailed
        }
    }

    // MARK: - Connecting

    private static func applyOptions(_ parameters: MySQLParameters, api: LibMariaDB,
                                     handle: LibMariaDB.Handle) throws {
        func set(_ option: mysql_option, _ text: String?) {
            guard let text else { return }
            _ = text.withCString { api.options(handle, option, $0) }   // the library copies the string
        }
        func set(_ option: mysql_option, _ number: Int?) {
            guard let number else { return }
            var value = UInt32(clamping: number)
            _ = api.options(handle, option, &value)
        }
        func set(_ option: mysql_option, _ flag: Bool?) {
            guard let flag else { return }
            var value: my_bool = flag ? 1 : 0
            _ = api.options(handle, option, &value)
        }
        set(MYSQL_SET_CHARSET_NAME, parameters.effectiveCharset)
        set(MYSQL_OPT_CONNECT_TIMEOUT, parameters.connectTimeout ?? 10)
        set(MYSQL_OPT_READ_TIMEOUT, parameters.readTimeout)
        set(MYSQL_OPT_WRITE_TIMEOUT, parameters.writeTimeout)
        set(MYSQL_READ_DEFAULT_FILE, parameters.readDefaultFile)
        set(MYSQL_READ_DEFAULT_GROUP, parameters.readDefaultGroup)
        // PyMySQL never uses the default socket: without unix_socket it connects over TCP, `localhost`
        // included. (An option file may name a socket, so the library decides when one is given.)
        if parameters.driver == .pymysql, parameters.unixSocket == nil, parameters.readDefaultFile == nil,
           parameters.readDefaultGroup == nil {
            set(MYSQL_OPT_PROTOCOL, Int(MYSQL_PROTOCOL_TCP.rawValue))
        }
        set(MYSQL_OPT_SSL_CA, parameters.sslCA)
        set(MYSQL_OPT_SSL_CAPATH, parameters.sslCAPath)
        set(MYSQL_OPT_SSL_CERT, parameters.sslCert)
        set(MYSQL_OPT_SSL_KEY, parameters.sslKey)
        set(MYSQL_OPT_SSL_CIPHER, parameters.sslCipher)
        set(MYSQL_OPT_SSL_VERIFY_SERVER_CERT, parameters.sslVerifyCert)
        // Any TLS option means TLS or no connection: never fall back to plain text.
        if parameters.usesTLS { set(MYSQL_OPT_SSL_ENFORCE, true) }
    }

    private static func connectError(api: LibMariaDB, handle: LibMariaDB.Handle,
                                     _ parameters: MySQLParameters) -> DatabaseError {
        let number = api.errno(handle)
        var detail = api.error(handle).map { String(cString: $0) } ?? "unknown error"
        // The server and library do not echo passwords, but never let one through if a future one does.
        if let password = parameters.password, !password.isEmpty {
            detail = detail.replacing(password, with: "***")
        }
        let database = parameters.database ?? "default"
        return DatabaseError(kind: .cannotConnect, code: String(number),
                             message: "cannot connect to MySQL (\(parameters.endpoint), database=\(database)): "
                                + detail,
                             sqlState: api.sqlState(handle).map { String(cString: $0) })
    }
}

/// Calls `body` with a C string that stays valid for the call, or nil.
private func withOptionalCString<R>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let text else { return body(nil) }
    return text.withCString(body)
}
