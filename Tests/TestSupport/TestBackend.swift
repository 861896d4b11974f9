import DatabaseCore
import Foundation
import MySQLDriver
import PostgresDriver
import SQLiteDriver

/// The backends every engine, revision and CLI test runs against. All are real: SQLite files in a temporary
/// directory and databases on the private servers that `scripts/pg-test-server` and
/// `scripts/mariadb-test-server` start. A run without the server a test needs fails loudly instead of skipping.
public enum TestBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgresql
    /// MariaDB (`scripts/mariadb-test-server`).
    case mysql

    public static let all: [TestBackend] = [.sqlite, .postgresql, .mysql]

    public var description: String { rawValue }

    /// The backends whose DDL rolls back with its transaction (`Dialect.hasTransactionalDDL`, proven by
    /// `DDLTransactionTests`), for tests that prove a failed revision leaves no trace. MySQL commits at every
    /// DDL statement, so a revision that fails after its first ALTER keeps it; there the next run resumes
    /// the revision instead (`nonTransactionalDDL`).
    public static let transactionalDDL: [TestBackend] = all.filter { $0.dialect.hasTransactionalDDL }

    /// The backends whose DDL commits statement by statement: where a revision can be left half-way.
    public static let nonTransactionalDDL: [TestBackend] = all.filter { !$0.dialect.hasTransactionalDDL }

    public var dialect: Dialect {
        switch self {
        case .sqlite: return .sqlite
        case .postgresql: return .postgresql
        case .mysql: return .mysql
        }
    }

    /// A new, empty database of this backend.
    public func makeScratch(function: String = #function) throws -> ScratchDatabase {
        try ScratchDatabase(backend: self)
    }

    /// MySQL only: a new, empty database created with `CHARACTER SET charset` instead of the server's
    /// default (Debian's server defaults to utf8mb4; the OpenStack guide's settings, which the test server
    /// uses, to utf8).
    public func makeScratch(characterSet charset: String) throws -> ScratchDatabase {
        precondition(self == .mysql, "a database character set is a MySQL setting")
        return try ScratchDatabase(backend: self, characterSet: charset)
    }
}

/// An empty database that exists for one test and is removed when the value goes away.
public final class ScratchDatabase: @unchecked Sendable {
    public let backend: TestBackend
    /// The SQLAlchemy-style URL to hand to `glance-manage --connection`.
    public let url: String
    public let sqlitePath: String?
    let postgresName: String?
    let mysqlName: String?

    init(backend: TestBackend, characterSet: String? = nil) throws {
        self.backend = backend
        let token = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch backend {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("glance-bridge-tests", isDirectory: true)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let path = dir.appendingPathComponent("db-\(token).sqlite").path
            sqlitePath = path
            postgresName = nil
            mysqlName = nil
            url = "sqlite:///" + path
        case .postgresql:
            let server = try PostgresTestServer.current()
            let name = "gb_\(token)"
            let admin = try PostgresDatabase(parameters: server.parameters(database: "postgres"))
            try admin.executeScript("CREATE DATABASE \(name) TEMPLATE template0")
            sqlitePath = nil
            postgresName = name
            mysqlName = nil
            url = server.url(database: name)
        case .mysql:
            let server = try MySQLTestServer.current()
            let name = "gb_\(token)"
            let options = characterSet.map { " CHARACTER SET \($0)" } ?? ""
            try server.admin().executeScript("CREATE DATABASE \(name)" + options)
            sqlitePath = nil
            postgresName = nil
            mysqlName = name
            url = server.url(database: name)
        }
    }

    /// Opens a new connection to the scratch database.
    public func connect() throws -> any Database {
        switch backend {
        case .sqlite: return try SQLiteDatabase(path: sqlitePath!)
        case .postgresql:
            return try PostgresDatabase(parameters: PostgresTestServer.current().parameters(database: postgresName!))
        case .mysql:
            return try MySQLDatabase(parameters: MySQLTestServer.current().parameters(database: mysqlName!))
        }
    }

    deinit {
        if let sqlitePath {
            try? FileManager.default.removeItem(atPath: sqlitePath)
        }
        if let postgresName, let server = try? PostgresTestServer.current(),
           let admin = try? PostgresDatabase(parameters: server.parameters(database: "postgres")) {
            try? admin.executeScript("DROP DATABASE IF EXISTS \(postgresName) WITH (FORCE)")
        }
        if let mysqlName, let admin = try? MySQLTestServer.current().admin() {
            try? admin.executeScript("DROP DATABASE IF EXISTS \(mysqlName)")
        }
    }
}

/// Where the private test server listens, read from `GLANCE_TEST_PGHOST` / `GLANCE_TEST_PGPORT` /
/// `GLANCE_TEST_PGUSER` (exported by `scripts/pg-test-server run`).
public struct PostgresTestServer: Sendable {
    public let host: String
    public let port: String
    public let user: String

    public static func current() throws -> PostgresTestServer {
        let env = ProcessInfo.processInfo.environment
        guard let host = env["GLANCE_TEST_PGHOST"], !host.isEmpty else {
            throw TestSetupError("GLANCE_TEST_PGHOST is not set: run the tests through `scripts/pg-test-server run swift test` (see README)")
        }
        return PostgresTestServer(host: host, port: env["GLANCE_TEST_PGPORT"] ?? "5432", user: env["GLANCE_TEST_PGUSER"] ?? "postgres")
    }

    public func parameters(database: String) -> [ConnectionURL.PostgresParameter] {
        [.init("host", host), .init("port", port), .init("user", user), .init("dbname", database)]
    }

    /// A URL with the socket directory as `host` query parameter, as operators write unix-socket URLs.
    public func url(database: String) -> String {
        if host.hasPrefix("/") {
            return "postgresql://\(user)@/\(database)?host=\(host)&port=\(port)"
        }
        return "postgresql://\(user)@\(host):\(port)/\(database)"
    }
}

/// Where the private MariaDB server listens, read from `GLANCE_TEST_MYSQL_SOCKET` / `GLANCE_TEST_MYSQL_USER`
/// (exported by `scripts/mariadb-test-server run`).
public struct MySQLTestServer: Sendable {
    public let socket: String
    public let user: String

    /// - Throws: `TestSetupError` when the server's variables are not set or the server does not answer, so that
    ///   a run without it fails loudly instead of skipping.
    public static func current() throws -> MySQLTestServer {
        let env = ProcessInfo.processInfo.environment
        guard let socket = env["GLANCE_TEST_MYSQL_SOCKET"], !socket.isEmpty else {
            throw TestSetupError("GLANCE_TEST_MYSQL_SOCKET is not set: run the tests through "
                                 + "`scripts/mariadb-test-server run swift test` (see README)")
        }
        guard FileManager.default.fileExists(atPath: socket) else {
            throw TestSetupError("GLANCE_TEST_MYSQL_SOCKET names \(socket), which does not exist: is the test server running?")
        }
        return MySQLTestServer(socket: socket, user: env["GLANCE_TEST_MYSQL_USER"] ?? "root")
    }

    public func parameters(database: String?) -> MySQLParameters {
        MySQLParameters(unixSocket: socket, user: user, database: database)
    }

    /// A connection with no default database, for creating and dropping the scratch ones.
    public func admin() throws -> MySQLDatabase {
        try MySQLDatabase(parameters: parameters(database: nil))
    }

    /// The URL as glance-api.conf would carry it for a unix socket.
    public func url(database: String) -> String {
        "mysql+pymysql://\(user)@localhost/\(database)?unix_socket=\(socket)&charset=utf8"
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Keeps scratch databases alive for as long as the pool lives, for code that asks a factory for
/// connections (the comparison tool).
public final class ScratchPool: @unchecked Sendable {
    private var scratches: [ScratchDatabase] = []
    public let backend: TestBackend

    public init(_ backend: TestBackend) {
        self.backend = backend
    }

    public func make() throws -> any Database {
        let scratch = try backend.makeScratch()
        scratches.append(scratch)
        return try scratch.connect()
    }
}
