import CMariaDB
import DatabaseCore
#if canImport(Glibc)
import Glibc
#endif

/// MariaDB Connector/C, loaded with `dlopen` the first time a MySQL connection is opened instead of being linked,
/// for the same reason as libpq (see `LibPQ` in PostgresDriver): SQLite and PostgreSQL runs never load it or its
/// TLS libraries. Types and constants come from the `CMariaDB` headers; the functions are the loaded symbols.
struct LibMariaDB: @unchecked Sendable {
    typealias Handle = UnsafeMutablePointer<MYSQL>
    typealias Result = UnsafeMutablePointer<MYSQL_RES>
    typealias CString = UnsafePointer<CChar>

    let initialize: @convention(c) (Handle?) -> Handle?
    let options: @convention(c) (Handle?, mysql_option, UnsafeRawPointer?) -> Int32
    let realConnect: @convention(c) (Handle?, CString?, CString?, CString?, CString?, UInt32, CString?, UInt) -> Handle?
    let close: @convention(c) (Handle?) -> Void
    let errno: @convention(c) (Handle?) -> UInt32
    let error: @convention(c) (Handle?) -> CString?
    let sqlState: @convention(c) (Handle?) -> CString?
    let setCharacterSet: @convention(c) (Handle?, CString?) -> Int32
    let realQuery: @convention(c) (Handle?, CString?, UInt) -> Int32
    let storeResult: @convention(c) (Handle?) -> Result?
    let freeResult: @convention(c) (Result?) -> Void
    let nextResult: @convention(c) (Handle?) -> Int32
    let fieldCount: @convention(c) (Handle?) -> UInt32
    let affectedRows: @convention(c) (Handle?) -> UInt64
    let numFields: @convention(c) (Result?) -> UInt32
    let numRows: @convention(c) (Result?) -> UInt64
    let fetchFields: @convention(c) (Result?) -> UnsafeMutablePointer<MYSQL_FIELD>?
    let fetchRow: @convention(c) (Result?) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    let fetchLengths: @convention(c) (Result?) -> UnsafeMutablePointer<UInt>?
    let realEscapeString: @convention(c) (Handle?, UnsafeMutablePointer<CChar>?, CString?, UInt) -> UInt
    let serverInfo: @convention(c) (Handle?) -> UnsafeMutablePointer<CChar>?
    let sslCipher: @convention(c) (Handle?) -> CString?

    /// The library, loaded (and initialised) once.
    static let shared: Swift.Result<LibMariaDB, DatabaseError> = load()

    /// - Throws: `DatabaseError(.cannotConnect)` naming the missing library or function.
    static func loaded() throws -> LibMariaDB {
        try shared.get()
    }

    private static func load() -> Swift.Result<LibMariaDB, DatabaseError> {
        guard let handle = dlopen("libmariadb.so.3", RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(DatabaseError(kind: .cannotConnect, code: "2000", message: "cannot use MySQL: MariaDB "
                                          + "Connector/C is not installed (\(reason)); install Debian's libmariadb3"))
        }
        do {
            let library = try LibMariaDB(handle: handle)
            // mysql_library_init (a macro for mysql_server_init) is not thread-safe, and mysql_init calls it on
            // first use: run it here, inside the once-only initialiser of `shared`, before any connection.
            let serverInit: @convention(c) (Int32, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                            UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
                = try symbol(handle, "mysql_server_init")
            guard serverInit(0, nil, nil) == 0 else {
                return .failure(DatabaseError(kind: .cannotConnect, code: "2000",
                                              message: "cannot use MySQL: MariaDB Connector/C failed to initialise"))
            }
            return .success(library)
        } catch let missing as MissingSymbol {
            return .failure(DatabaseError(kind: .cannotConnect, code: "2000", message: "cannot use MySQL: the "
                                          + "installed MariaDB Connector/C lacks \(missing.name)"))
        } catch {
            preconditionFailure("symbol(_:_:) throws only MissingSymbol")
        }
    }

    private init(handle: UnsafeMutableRawPointer) throws {
        initialize = try symbol(handle, "mysql_init")
        options = try symbol(handle, "mysql_options")
        realConnect = try symbol(handle, "mysql_real_connect")
        close = try symbol(handle, "mysql_close")
        errno = try symbol(handle, "mysql_errno")
        error = try symbol(handle, "mysql_error")
        sqlState = try symbol(handle, "mysql_sqlstate")
        setCharacterSet = try symbol(handle, "mysql_set_character_set")
        realQuery = try symbol(handle, "mysql_real_query")
        storeResult = try symbol(handle, "mysql_store_result")
        freeResult = try symbol(handle, "mysql_free_result")
        nextResult = try symbol(handle, "mysql_next_result")
        fieldCount = try symbol(handle, "mysql_field_count")
        affectedRows = try symbol(handle, "mysql_affected_rows")
        numFields = try symbol(handle, "mysql_num_fields")
        numRows = try symbol(handle, "mysql_num_rows")
        fetchFields = try symbol(handle, "mysql_fetch_fields")
        fetchRow = try symbol(handle, "mysql_fetch_row")
        fetchLengths = try symbol(handle, "mysql_fetch_lengths")
        realEscapeString = try symbol(handle, "mysql_real_escape_string")
        serverInfo = try symbol(handle, "mysql_get_server_info")
        sslCipher = try symbol(handle, "mysql_get_ssl_cipher")
    }
}

private struct MissingSymbol: Error {
    let name: String
}

private func symbol<T>(_ handle: UnsafeMutableRawPointer, _ name: String) throws -> T {
    guard let address = dlsym(handle, name) else { throw MissingSymbol(name: name) }
    return unsafeBitCast(address, to: T.self)
}
