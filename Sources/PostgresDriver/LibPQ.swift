import CLibPQ
import DatabaseCore
#if canImport(Glibc)
import Glibc
#endif

/// libpq, loaded with `dlopen` the first time a PostgreSQL connection is opened instead of being linked.
///
/// Linking libpq makes every `glance-manage` run, SQLite ones included, load it and its TLS, Kerberos and
/// LDAP dependencies at start (about 10 ms of a 20 ms `db version`). The header still comes from the
/// `CLibPQ` module for types and constants; the functions below shadow libpq's with the same names and
/// call through the loaded symbols.
struct LibPQ: @unchecked Sendable {
    typealias Conn = OpaquePointer
    typealias Result = OpaquePointer
    typealias CString = UnsafePointer<CChar>
    typealias MutableCString = UnsafeMutablePointer<CChar>

    let connectdbParams: @convention(c) (UnsafePointer<CString?>?, UnsafePointer<CString?>?, Int32) -> Conn?
    let status: @convention(c) (Conn?) -> ConnStatusType
    let errorMessage: @convention(c) (Conn?) -> MutableCString?
    let host: @convention(c) (Conn?) -> MutableCString?
    let db: @convention(c) (Conn?) -> MutableCString?
    let finish: @convention(c) (Conn?) -> Void
    let setNoticeProcessor: @convention(c) (Conn?, PQnoticeProcessor?, UnsafeMutableRawPointer?) -> PQnoticeProcessor?
    let exec: @convention(c) (Conn?, CString?) -> Result?
    let execParams: @convention(c) (Conn?, CString?, Int32, UnsafePointer<Oid>?, UnsafePointer<CString?>?,
                                    UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Result?
    let clear: @convention(c) (Result?) -> Void
    let resultStatus: @convention(c) (Result?) -> ExecStatusType
    let resultErrorField: @convention(c) (Result?, Int32) -> MutableCString?
    let resultErrorMessage: @convention(c) (Result?) -> MutableCString?
    let cmdTuples: @convention(c) (Result?) -> MutableCString?
    let nfields: @convention(c) (Result?) -> Int32
    let ntuples: @convention(c) (Result?) -> Int32
    let fname: @convention(c) (Result?, Int32) -> MutableCString?
    let ftype: @convention(c) (Result?, Int32) -> Oid
    let getisnull: @convention(c) (Result?, Int32, Int32) -> Int32
    let getvalue: @convention(c) (Result?, Int32, Int32) -> MutableCString?

    /// The library, loaded once; nil when libpq is not installed.
    static let shared: Swift.Result<LibPQ, DatabaseError> = load()

    /// - Throws: `DatabaseError(.cannotConnect)` naming the missing library.
    static func loaded() throws -> LibPQ {
        try shared.get()
    }

    private static func load() -> Swift.Result<LibPQ, DatabaseError> {
        guard let handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libpq.so", RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(DatabaseError(kind: .cannotConnect, code: "08001",
                                          message: "cannot use PostgreSQL: libpq is not installed (\(reason)); install Debian's libpq5"))
        }
        func symbol<T>(_ name: String) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: T.self) }
        }
        guard let library = LibPQ(
            connectdbParams: symbol("PQconnectdbParams"), status: symbol("PQstatus"), errorMessage: symbol("PQerrorMessage"),
            host: symbol("PQhost"), db: symbol("PQdb"), finish: symbol("PQfinish"), setNoticeProcessor: symbol("PQsetNoticeProcessor"),
            exec: symbol("PQexec"), execParams: symbol("PQexecParams"), clear: symbol("PQclear"),
            resultStatus: symbol("PQresultStatus"), resultErrorField: symbol("PQresultErrorField"),
            resultErrorMessage: symbol("PQresultErrorMessage"), cmdTuples: symbol("PQcmdTuples"), nfields: symbol("PQnfields"),
            ntuples: symbol("PQntuples"), fname: symbol("PQfname"), ftype: symbol("PQftype"), getisnull: symbol("PQgetisnull"),
            getvalue: symbol("PQgetvalue")) else {
            return .failure(DatabaseError(kind: .cannotConnect, code: "08001",
                                          message: "cannot use PostgreSQL: the installed libpq lacks a required function"))
        }
        return .success(library)
    }

    private init?(connectdbParams: (@convention(c) (UnsafePointer<CString?>?, UnsafePointer<CString?>?, Int32) -> Conn?)?,
                  status: (@convention(c) (Conn?) -> ConnStatusType)?, errorMessage: (@convention(c) (Conn?) -> MutableCString?)?,
                  host: (@convention(c) (Conn?) -> MutableCString?)?, db: (@convention(c) (Conn?) -> MutableCString?)?,
                  finish: (@convention(c) (Conn?) -> Void)?,
                  setNoticeProcessor: (@convention(c) (Conn?, PQnoticeProcessor?, UnsafeMutableRawPointer?) -> PQnoticeProcessor?)?,
                  exec: (@convention(c) (Conn?, CString?) -> Result?)?,
                  execParams: (@convention(c) (Conn?, CString?, Int32, UnsafePointer<Oid>?, UnsafePointer<CString?>?,
                                                UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Result?)?,
                  clear: (@convention(c) (Result?) -> Void)?, resultStatus: (@convention(c) (Result?) -> ExecStatusType)?,
                  resultErrorField: (@convention(c) (Result?, Int32) -> MutableCString?)?,
                  resultErrorMessage: (@convention(c) (Result?) -> MutableCString?)?,
                  cmdTuples: (@convention(c) (Result?) -> MutableCString?)?, nfields: (@convention(c) (Result?) -> Int32)?,
                  ntuples: (@convention(c) (Result?) -> Int32)?, fname: (@convention(c) (Result?, Int32) -> MutableCString?)?,
                  ftype: (@convention(c) (Result?, Int32) -> Oid)?, getisnull: (@convention(c) (Result?, Int32, Int32) -> Int32)?,
                  getvalue: (@convention(c) (Result?, Int32, Int32) -> MutableCString?)?) {
        guard let connectdbParams, let status, let errorMessage, let host, let db, let finish, let setNoticeProcessor,
              let exec, let execParams, let clear, let resultStatus, let resultErrorField, let resultErrorMessage,
              let cmdTuples, let nfields, let ntuples, let fname, let ftype, let getisnull, let getvalue else { return nil }
        self.connectdbParams = connectdbParams; self.status = status; self.errorMessage = errorMessage
        self.host = host; self.db = db; self.finish = finish; self.setNoticeProcessor = setNoticeProcessor
        self.exec = exec; self.execParams = execParams; self.clear = clear; self.resultStatus = resultStatus
        self.resultErrorField = resultErrorField; self.resultErrorMessage = resultErrorMessage; self.cmdTuples = cmdTuples
        self.nfields = nfields; self.ntuples = ntuples; self.fname = fname; self.ftype = ftype
        self.getisnull = getisnull; self.getvalue = getvalue
    }
}

// The functions the driver calls, by libpq's names. `PostgresDatabase.init` loads the library (or throws)
// before the first of them runs.
private var pq: LibPQ { try! LibPQ.shared.get() }

func PQconnectdbParams(_ keywords: UnsafePointer<UnsafePointer<CChar>?>?, _ values: UnsafePointer<UnsafePointer<CChar>?>?,
                       _ expand: Int32) -> OpaquePointer? {
    pq.connectdbParams(keywords, values, expand)
}
func PQstatus(_ conn: OpaquePointer?) -> ConnStatusType { pq.status(conn) }
func PQerrorMessage(_ conn: OpaquePointer?) -> UnsafeMutablePointer<CChar>! { pq.errorMessage(conn) }
func PQhost(_ conn: OpaquePointer?) -> UnsafeMutablePointer<CChar>? { pq.host(conn) }
func PQdb(_ conn: OpaquePointer?) -> UnsafeMutablePointer<CChar>? { pq.db(conn) }
func PQfinish(_ conn: OpaquePointer?) { pq.finish(conn) }
@discardableResult
func PQsetNoticeProcessor(_ conn: OpaquePointer?, _ processor: PQnoticeProcessor?, _ arg: UnsafeMutableRawPointer?) -> PQnoticeProcessor? {
    pq.setNoticeProcessor(conn, processor, arg)
}
func PQexec(_ conn: OpaquePointer?, _ query: UnsafePointer<CChar>?) -> OpaquePointer? { pq.exec(conn, query) }
func PQexecParams(_ conn: OpaquePointer?, _ command: UnsafePointer<CChar>?, _ count: Int32, _ types: UnsafePointer<Oid>?,
                  _ values: UnsafePointer<UnsafePointer<CChar>?>?, _ lengths: UnsafePointer<Int32>?,
                  _ formats: UnsafePointer<Int32>?, _ resultFormat: Int32) -> OpaquePointer? {
    pq.execParams(conn, command, count, types, values, lengths, formats, resultFormat)
}
func PQclear(_ result: OpaquePointer?) { pq.clear(result) }
func PQresultStatus(_ result: OpaquePointer?) -> ExecStatusType { pq.resultStatus(result) }
func PQresultErrorField(_ result: OpaquePointer?, _ code: Int32) -> UnsafeMutablePointer<CChar>? { pq.resultErrorField(result, code) }
func PQresultErrorMessage(_ result: OpaquePointer?) -> UnsafeMutablePointer<CChar>! { pq.resultErrorMessage(result) }
func PQcmdTuples(_ result: OpaquePointer?) -> UnsafeMutablePointer<CChar>? { pq.cmdTuples(result) }
func PQnfields(_ result: OpaquePointer?) -> Int32 { pq.nfields(result) }
func PQntuples(_ result: OpaquePointer?) -> Int32 { pq.ntuples(result) }
func PQfname(_ result: OpaquePointer?, _ column: Int32) -> UnsafeMutablePointer<CChar>! { pq.fname(result, column) }
func PQftype(_ result: OpaquePointer?, _ column: Int32) -> Oid { pq.ftype(result, column) }
func PQgetisnull(_ result: OpaquePointer?, _ row: Int32, _ column: Int32) -> Int32 { pq.getisnull(result, row, column) }
func PQgetvalue(_ result: OpaquePointer?, _ row: Int32, _ column: Int32) -> UnsafeMutablePointer<CChar>! { pq.getvalue(result, row, column) }
