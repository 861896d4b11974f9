import DatabaseCore
import Foundation
import MySQLDriver
import PostgresDriver
import SQLiteDriver

/// The backends the harness measures.
enum BenchBackend: String, CaseIterable, Sendable {
    case sqlite
    case postgresql
    /// MariaDB (or MySQL), on the server `scripts/mariadb-test-server run` starts.
    case mysql

    /// How the reference dumps under `Tests/Fixtures` name the backend.
    var fixtureTag: String {
        switch self {
        case .sqlite: return "sqlite"
        case .postgresql: return "postgres"
        case .mysql: return "mariadb"
        }
    }
}

/// Where benchmark databases live: SQLite files in a work directory, PostgreSQL databases on the server
/// `scripts/pg-test-server run` exports as `GLANCE_TEST_PGHOST` / `GLANCE_TEST_PGPORT` / `GLANCE_TEST_PGUSER`,
/// MariaDB databases on the server `scripts/mariadb-test-server run` exports as `GLANCE_TEST_MYSQL_SOCKET` /
/// `GLANCE_TEST_MYSQL_USER`.
struct BenchServer: Sendable {
    let workDirectory: URL
    let pgHost: String?
    let pgPort: String
    let pgUser: String
    let mysqlSocket: String?
    let mysqlUser: String

    init(workDirectory: URL) {
        self.workDirectory = workDirectory
        let env = ProcessInfo.processInfo.environment
        pgHost = env["GLANCE_TEST_PGHOST"].flatMap { $0.isEmpty ? nil : $0 }
        pgPort = env["GLANCE_TEST_PGPORT"] ?? "5432"
        pgUser = env["GLANCE_TEST_PGUSER"] ?? "postgres"
        mysqlSocket = env["GLANCE_TEST_MYSQL_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        mysqlUser = env["GLANCE_TEST_MYSQL_USER"] ?? "root"
    }

    func mysqlParameters(_ database: String?) -> MySQLParameters {
        MySQLParameters(unixSocket: mysqlSocket ?? "", user: mysqlUser, database: database, charset: "utf8")
    }

    /// Arguments that point the `mariadb` client at `database` (no option files: only what is given here).
    func mariadbArguments(_ database: String) -> [String] {
        ["--no-defaults", "--batch", "--socket", mysqlSocket ?? "", "-u", mysqlUser, database]
    }

    func mysqlAdmin() throws -> MySQLDatabase {
        guard mysqlSocket != nil else {
            throw BenchError("GLANCE_TEST_MYSQL_SOCKET is not set: run through "
                             + "`scripts/mariadb-test-server run swift run -c release GlanceBench …`")
        }
        return try MySQLDatabase(parameters: mysqlParameters(nil))
    }

    func pgParameters(_ database: String) -> [ConnectionURL.PostgresParameter] {
        [.init("host", pgHost ?? ""), .init("port", pgPort), .init("user", pgUser), .init("dbname", database)]
    }

    /// Arguments that point `psql` at `database`.
    func psqlArguments(_ database: String) -> [String] {
        ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", pgHost ?? "", "-p", pgPort, "-U", pgUser, "-d", database]
    }

    func admin() throws -> PostgresDatabase {
        guard pgHost != nil else {
            throw BenchError("GLANCE_TEST_PGHOST is not set: run through `scripts/pg-test-server run swift run -c release GlanceBench …`")
        }
        return try PostgresDatabase(parameters: pgParameters("postgres"))
    }

    /// A new, empty database (SQLite: a path where no file exists yet).
    func makeEmpty(_ backend: BenchBackend, name: String) throws -> BenchDatabase {
        let database = BenchDatabase(backend: backend, name: name, server: self)
        try database.drop()
        switch backend {
        case .sqlite: break
        case .postgresql: try admin().executeScript("CREATE DATABASE \(name) TEMPLATE template0")
        case .mysql: try mysqlAdmin().executeScript("CREATE DATABASE \(name)")
        }
        return database
    }
}

/// One benchmark database, named so that `glance-manage`, `sqlite3`/`psql` and the drivers can all reach it.
struct BenchDatabase: Sendable {
    let backend: BenchBackend
    let name: String
    let server: BenchServer

    var sqlitePath: String { server.workDirectory.appendingPathComponent("\(name).sqlite").path }

    /// The SQLAlchemy URL handed to `glance-manage --connection`.
    var url: String {
        switch backend {
        case .sqlite: return "sqlite:///" + sqlitePath
        case .postgresql:
            return "postgresql://\(server.pgUser)@/\(name)?host=\(server.pgHost ?? "")&port=\(server.pgPort)"
        case .mysql:
            return "mysql+pymysql://\(server.mysqlUser)@localhost/\(name)"
                + "?unix_socket=\(server.mysqlSocket ?? "")&charset=utf8"
        }
    }

    func connect() throws -> any Database {
        switch backend {
        case .sqlite: return try SQLiteDatabase(path: sqlitePath)
        case .postgresql: return try PostgresDatabase(parameters: server.pgParameters(name))
        case .mysql: return try MySQLDatabase(parameters: server.mysqlParameters(name))
        }
    }

    /// A copy, so that two runs start from the same data: SQLite copies the file and PostgreSQL uses
    /// `CREATE DATABASE … TEMPLATE` (both byte for byte); MySQL has neither, so each table is recreated from
    /// its own `SHOW CREATE TABLE` (keys, foreign keys and CHECKs included) and filled with one INSERT … SELECT.
    /// No connection to `self` may be open.
    func copy(as copyName: String) throws -> BenchDatabase {
        let target = BenchDatabase(backend: backend, name: copyName, server: server)
        try target.drop()
        switch backend {
        case .sqlite: try FileManager.default.copyItem(atPath: sqlitePath, toPath: target.sqlitePath)
        case .postgresql: try server.admin().executeScript("CREATE DATABASE \(copyName) TEMPLATE \(name)")
        case .mysql:
            try server.mysqlAdmin().executeScript("CREATE DATABASE \(copyName)")
            let source = try connect(), copy = try target.connect()
            try copy.executeScript("SET SESSION foreign_key_checks = 0, unique_checks = 0")
            for table in try source.tableNames() {
                let create = try source.query("SHOW CREATE TABLE `\(table)`").first?[1].stringValue ?? ""
                try copy.executeScript(create)
                try copy.inTransaction {
                    try copy.executeScript("INSERT INTO `\(table)` SELECT * FROM `\(name)`.`\(table)`")
                }
            }
        }
        return target
    }

    /// Removes the database and anything the tool left beside it (the SQLite migration lock file).
    func drop() throws {
        switch backend {
        case .sqlite:
            for suffix in ["", "-journal", "-wal", "-shm", ".lock"] {
                try? FileManager.default.removeItem(atPath: sqlitePath + suffix)
            }
        case .postgresql:
            try server.admin().executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        case .mysql:
            try server.mysqlAdmin().executeScript("DROP DATABASE IF EXISTS \(name)")
        }
    }

    /// On-disk size in MiB, for the report.
    func sizeMiB() throws -> Double {
        switch backend {
        case .sqlite:
            let attributes = try FileManager.default.attributesOfItem(atPath: sqlitePath)
            return Double((attributes[.size] as? NSNumber)?.int64Value ?? 0) / 1_048_576
        case .postgresql:
            let rows = try server.admin().query("SELECT pg_database_size(?)", [.text(name)])
            return Double(rows.first?[0].intValue ?? 0) / 1_048_576
        case .mysql:
            let rows = try server.mysqlAdmin().query("""
                SELECT CAST(SUM(data_length + index_length) AS SIGNED) FROM information_schema.tables
                WHERE table_schema = ?
                """, [.text(name)])
            return Double(rows.first?[0].intValue ?? 0) / 1_048_576
        }
    }
}
