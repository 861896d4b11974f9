import DatabaseCore
#if canImport(Glibc)
import Glibc
#endif
import MySQLDriver
import PostgresDriver
import SQLiteDriver

/// Empty databases for comparisons, removed when the factory goes away: SQLite in memory, PostgreSQL
/// schemas created in the database a connection names, or MySQL databases on the server a connection names
/// (MySQL's schemas are its databases).
public final class ScratchDatabases {
    public let dialect: Dialect
    private var admin: PostgresDatabase?
    private var parameters: [ConnectionURL.PostgresParameter] = []
    private var schemas: [String] = []
    private var mysqlAdmin: MySQLDatabase?
    private var mysqlParameters: MySQLParameters?

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
            guard case .mysql(var parameters) = try server().target else {
                throw DriverError.scratchNeedsServer(dialect)
            }
            parameters.database = nil
            mysqlParameters = parameters
            mysqlAdmin = try MySQLDatabase(parameters: parameters)
        }
    }

    /// A new empty database.
    public func make() throws -> any Database {
        switch dialect {
        case .sqlite:
            return try SQLiteDatabase(path: ":memory:")
        case .postgresql:
            let name = "glance_bridge_compare_\(getpid())_\(schemas.count)"
            let schema = dialect.quote(name)
            try admin?.executeScript("DROP SCHEMA IF EXISTS \(schema) CASCADE; CREATE SCHEMA \(schema)")
            schemas.append(name)
            let database = try PostgresDatabase(parameters: parameters)
            try database.executeScript("SET search_path TO \(dialect.quote(name))")
            return database
        case .mysql:
            let name = "glance_bridge_compare_\(getpid())_\(schemas.count)"
            let quoted = dialect.quote(name)
            try mysqlAdmin?.executeScript("DROP DATABASE IF EXISTS \(quoted); CREATE DATABASE \(quoted)")
            schemas.append(name)
            var parameters = mysqlParameters
            parameters?.database = name
            guard let parameters else { throw DriverError.scratchNeedsServer(dialect) }
            return try MySQLDatabase(parameters: parameters)
        }
    }

    deinit {
        for name in schemas {
            try? admin?.executeScript("DROP SCHEMA IF EXISTS \(dialect.quote(name)) CASCADE")
            try? mysqlAdmin?.executeScript("DROP DATABASE IF EXISTS \(dialect.quote(name))")
        }
    }
}
