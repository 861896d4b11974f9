import CSQLite
import DatabaseCore

/// A connection to one SQLite file through the C API.
///
/// Foreign-key enforcement stays off, as in Glance (SQLAlchemy never enables it on SQLite), which is also
/// what SQLite's documented table-rebuild procedure needs.
public final class SQLiteDatabase: Database {
    public let dialect = Dialect.sqlite
    public let path: String
    public let beginWriteStatement = "BEGIN IMMEDIATE"
    private var handle: OpaquePointer?
    /// The descriptor the migration lock (`flock`) is held on; see `SQLiteDatabase+Locking.swift`.
    var lockDescriptor: Int32 = -1

    /// Opens (and, unless `readOnly` or `mustExist`, creates) the database file.
    ///
    /// `readOnly` on a WAL database that has no `-wal`/`-shm` files opens read-write with `query_only` on
    /// (every write statement fails): a read-only connection creates both files but, unable to checkpoint,
    /// leaves them behind when it closes; a read-write one, the last to close, removes them.
    /// - Parameter busyTimeoutMilliseconds: how long a statement waits for another writer's lock.
    public init(path: String, readOnly: Bool = false, mustExist: Bool = false, busyTimeoutMilliseconds: Int32 = 60_000) throws {
        self.path = path
        var flags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI
        let readsThroughQueryOnly = readOnly && Self.readOnlyOpenWouldLeaveWALFiles(path)
        if readOnly && !readsThroughQueryOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE
            if !mustExist { flags |= SQLITE_OPEN_CREATE }
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw DatabaseError(kind: .cannotConnect, code: "SQLITE_\(rc)",
                                message: "cannot open SQLite database \(path): \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        if readsThroughQueryOnly { try executeScript("PRAGMA query_only = 1") }
    }

    deinit {
        sqlite3_close_v2(handle)
        // Only after SQLite has closed: closing any descriptor of the file drops this process's POSIX
        // locks on it, which must never happen under an open connection.
        closeLockDescriptor()
    }

    public func executeScript(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw error(rc, message, sql)
        }
    }

    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        let statement = try prepare(sql, parameters)
        defer { sqlite3_finalize(statement) }
        var rc = sqlite3_step(statement)
        while rc == SQLITE_ROW { rc = sqlite3_step(statement) }
        guard rc == SQLITE_DONE else { throw error(rc, String(cString: sqlite3_errmsg(handle)), sql) }
        return Int(sqlite3_changes(handle))
    }

    public func query(_ sql: String, _ parameters: [SQLValue]) throws -> [Row] {
        let statement = try prepare(sql, parameters)
        defer { sqlite3_finalize(statement) }
        let count = sqlite3_column_count(statement)
        let columns = (0..<count).map { String(cString: sqlite3_column_name(statement, $0)) }
        var rows: [Row] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(rc, String(cString: sqlite3_errmsg(handle)), sql) }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(count))
            for i in 0..<count {
                switch sqlite3_column_type(statement, i) {
                case SQLITE_NULL: values.append(.null)
                case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(statement, i)))
                case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(statement, i)))
                case SQLITE_BLOB:
                    let n = Int(sqlite3_column_bytes(statement, i))
                    let base = sqlite3_column_blob(statement, i)
                    values.append(.blob(n == 0 ? [] : Array(UnsafeRawBufferPointer(start: base, count: n))))
                default:
                    values.append(.text(String(cString: sqlite3_column_text(statement, i))))
                }
            }
            rows.append(Row(columns: columns, values: values))
        }
        return rows
    }

    public func tableNames() throws -> [String] {
        try query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .compactMap { $0["name"].stringValue }
    }

    /// Our connections keep foreign keys off (as SQLAlchemy does); the pragma is a no-op inside a
    /// transaction, so this must run outside one.
    public func withForeignKeysEnforced<T>(_ body: () throws -> T) throws -> T {
        let wasOn = try query("PRAGMA foreign_keys").first?[0].boolValue ?? false
        if wasOn { return try body() }
        try executeScript("PRAGMA foreign_keys = ON")
        defer { try? executeScript("PRAGMA foreign_keys = OFF") }
        return try body()
    }

    /// A deferred `BEGIN`: the first read takes the snapshot (a SHARED lock, or a WAL read mark) for the
    /// whole transaction, and no writer, DDL included, commits under it.
    public func inReadSnapshot<T>(protecting tables: [String], _ body: () throws -> T) throws -> T {
        try inTransaction(beginning: "BEGIN", body)
    }

    /// `PRAGMA foreign_key_check(table)`: each row of `table` whose foreign key finds no parent row.
    public func foreignKeyViolations(in table: String) throws -> Set<String> {
        let check = "PRAGMA foreign_key_check(\(dialect.quote(table)))"
        return Set(try query(check).map { row in
            "row \(row["rowid"].stringValue ?? "?") of \(row["table"].stringValue ?? table) references a missing "
                + "row of \(row["parent"].stringValue ?? "?") (foreign key \(row["fkid"].stringValue ?? "?"))"
        })
    }

    public func tableExists(_ name: String) throws -> Bool {
        try !query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(name)]).isEmpty
    }

    /// Copies this database into `destination` with SQLite's online backup API.
    public func backup(to destination: SQLiteDatabase) throws {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw error(sqlite3_errcode(destination.handle), String(cString: sqlite3_errmsg(destination.handle)), nil)
        }
        let rc = sqlite3_backup_step(backup, -1)
        sqlite3_backup_finish(backup)
        // The reason (a full disk, a write error) is reported on the destination's handle.
        guard rc == SQLITE_DONE else { throw error(rc, String(cString: sqlite3_errmsg(destination.handle)), nil) }
    }

    private func prepare(_ sql: String, _ parameters: [SQLValue]) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK else { throw error(rc, String(cString: sqlite3_errmsg(handle)), sql) }
        for (offset, value) in parameters.enumerated() {
            let index = Int32(offset + 1)
            let bindResult: Int32
            switch value {
            case .null: bindResult = sqlite3_bind_null(statement, index)
            case .integer(let v): bindResult = sqlite3_bind_int64(statement, index, v)
            case .real(let v): bindResult = sqlite3_bind_double(statement, index, v)
            case .text(let v): bindResult = sqlite3_bind_text(statement, index, v, -1, sqliteTransient)
            case .blob(let v): bindResult = v.withUnsafeBytes {
                sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), sqliteTransient)
            }
            }
            guard bindResult == SQLITE_OK else {
                sqlite3_finalize(statement)
                throw error(bindResult, String(cString: sqlite3_errmsg(handle)), sql)
            }
        }
        return statement
    }

    private func error(_ rc: Int32, _ message: String, _ sql: String?) -> DatabaseError {
        let primary = rc & 0xff
        let kind: DatabaseError.Kind
        switch primary {
        case SQLITE_READONLY: kind = .readOnly
        case SQLITE_BUSY, SQLITE_LOCKED: kind = .busy
        case SQLITE_CANTOPEN, SQLITE_NOTADB: kind = .cannotConnect
        default:
            switch rc { // extended result codes are on (see init)
            case 787: kind = .foreignKeyViolation           // SQLITE_CONSTRAINT_FOREIGNKEY
            case 2067, 1555: kind = .uniqueViolation        // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
            default: kind = .statementFailed
            }
        }
        return DatabaseError(kind: kind, code: "SQLITE_\(rc)", message: message, sql: sql)
    }
}

/// SQLite's SQLITE_TRANSIENT: the library copies the bound bytes before the call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
