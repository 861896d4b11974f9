import DatabaseCore
#if canImport(Glibc)
import Glibc
#endif
import PostgresDriver
import SQLiteDriver

/// Empty databases for comparisons, removed when the factory goes away: SQLite in memory, or PostgreSQL
/// schemas created in the database a connection names.
public final class ScratchDatabases {
    public let dialect: Dialect
    private var admin: PostgresDatabase?
    private var parameters: [ConnectionURL.PostgresParameter] = []
    private var schemas: [String] = []

    /// - Parameter server: where scratch schemas live, for dialects that need a server.
    /// - Throws: `DriverError.scratchNeedsServer` when `dialect` needs a server and `server` is not one.
    public init(dialect: Dialect, server: () throws -> ConnectionURL) throws {
        self.dialect = dialect
        switch dialect {
        case .sqlite:
            break
        case .postgresql:
            guard case .postgresql(let parameters) = try server().target else {
                throw DriverError.scratchNeedsServer(dialect)
            }
            self.parameters = parameters
            admin = try PostgresDatabase(parameters: parameters)
        case .mysql:
            throw DriverError.scratchNeedsServer(dialect) // MySQL scratch databases come with the MySQL driver.
        }
    }

    /// A new empty database.
    public func make() throws -> any Database {
        switch dialect {
        case .sqlite:
            return try SQLiteDatabase(path: ":memory:")
        case .postgresql:
            let name = "glance_bridge_compare_\(getpid())_\(schemas.count)"
            try admin?.executeScript("DROP SCHEMA IF EXISTS \(dialect.quote(name)) CASCADE; CREATE SCHEMA \(dialect.quote(name))")
            schemas.append(name)
            let database = try PostgresDatabase(parameters: parameters)
            try database.executeScript("SET search_path TO \(dialect.quote(name))")
            return database
        case .mysql:
            throw DriverError.scratchNeedsServer(dialect)
        }
    }

    deinit {
        for name in schemas { try? admin?.executeScript("DROP SCHEMA IF EXISTS \(dialect.quote(name)) CASCADE") }
    }
}
