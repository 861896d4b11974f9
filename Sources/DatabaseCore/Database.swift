/// A live connection to one database. Connections are classes that own a C handle, are used by one
/// task at a time, and close the handle in `deinit`.
///
/// Statements use `?` placeholders on every dialect; drivers translate them where needed.
public protocol Database: AnyObject, MigrationLocking, OnlineBackup {
    var dialect: Dialect { get }

    /// Runs a script of one or more statements without parameters.
    func executeScript(_ sql: String) throws

    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int

    /// Runs one query and returns all rows.
    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [Row]

    /// Reads the schema into the dialect-neutral model. Never writes.
    func introspect() throws -> Schema

    /// Reads one table, or nil when it does not exist. Never writes.
    func introspectTable(_ name: String) throws -> TableSchema?

    /// Whether a table exists. Never writes.
    func tableExists(_ name: String) throws -> Bool

    /// The names of the tables of the current schema, sorted, without reading their columns. Never writes.
    func tableNames() throws -> [String]

    /// Runs `body` with foreign keys enforced on this connection, then restores the previous setting.
    /// Where the database always enforces them this simply runs `body`. Call it outside a transaction:
    /// SQLite ignores the setting inside one.
    func withForeignKeysEnforced<T>(_ body: () throws -> T) throws -> T

    /// The rows of `table` whose foreign keys find no parent row, one description each, where the database
    /// lets such rows exist (SQLite with foreign keys off); empty where it refuses them as they are written.
    func foreignKeyViolations(in table: String) throws -> Set<String>

    /// The statement that opens a write transaction: SQLite takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so two migrators never interleave.
    var beginWriteStatement: String { get }

    /// Runs `body` in one read-only transaction in which every query sees the same committed state, and
    /// in which the named tables that exist cannot be dropped or recreated (SQLite: the snapshot's SHARED
    /// lock keeps every writer out; PostgreSQL: DDL is outside MVCC, so those tables are locked in ACCESS
    /// SHARE mode before the snapshot is taken).
    func inReadSnapshot<T>(protecting tables: [String], _ body: () throws -> T) throws -> T

    /// The cluster this server belongs to, read now; nil for a single server (SQLite, PostgreSQL, MySQL
    /// without Galera). Never writes.
    func clusterStatus() throws -> ClusterStatus?
}

extension Database {
    public func clusterStatus() throws -> ClusterStatus? { nil }

    public func introspectTable(_ name: String) throws -> TableSchema? {
        try introspect().table(name)
    }

    @discardableResult
    public func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    public func query(_ sql: String) throws -> [Row] { try query(sql, []) }

    public func begin() throws { try executeScript(beginWriteStatement) }
    public func commit() throws { try executeScript("COMMIT") }
    public func rollback() throws { try executeScript("ROLLBACK") }

    /// Runs `body` in one write transaction: committed if it returns, rolled back if it throws.
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try inTransaction(beginning: beginWriteStatement, body)
    }

    /// Runs `body` in the transaction `statement` opens (a write or a read snapshot): committed if it
    /// returns, rolled back if it throws.
    public func inTransaction<T>(beginning statement: String, _ body: () throws -> T) throws -> T {
        try executeScript(statement)
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            try? rollback()
            throw error
        }
    }
}
