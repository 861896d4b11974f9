import DatabaseCore
import Foundation
import MySQLDriver
import Testing
import TestSupport

/// Connecting as glance-api.conf's URL says: socket, charset, option files, TLS, and failures that name the
/// server but never the password. Runs against the private server from `scripts/mariadb-test-server`.
@Suite struct MySQLConnectionTests {
    /// A user with a password on the test server (root there authenticates by socket), dropped afterwards.
    private func withPasswordUser<T>(_ body: (_ user: String, _ password: String, _ database: String) throws -> T)
        throws -> T {
        let server = try MySQLTestServer.current()
        let scratch = try TestBackend.mysql.makeScratch()
        return try withExtendedLifetime(scratch) {
            let admin = try server.admin()
            let database = try #require(try scratch.connect().query("SELECT DATABASE() AS d").first?["d"].stringValue)
            let user = "gbu_" + database.suffix(12)
            let password = "s3cr3t-Pw'\\;x"
            try admin.execute("CREATE USER ?@'localhost' IDENTIFIED BY ?", [.text(user), .text(password)])
            defer { _ = try? admin.execute("DROP USER ?@'localhost'", [.text(user)]) }
            try admin.executeScript("GRANT ALL ON `\(database)`.* TO `\(user)`@`localhost`")
            return try body(user, password, database)
        }
    }

    private func url(_ text: String) throws -> MySQLParameters {
        guard case .mysql(let parameters) = try ConnectionURL(parsing: text).target else {
            throw TestSetupError("\(text) is not a MySQL URL")
        }
        return parameters
    }

    @Test func theScratchURLConnectsThroughItsSocket() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        try withExtendedLifetime(scratch) {
            let db = try MySQLDatabase(parameters: url(scratch.url))
            #expect(try db.query("SELECT 1 AS one").first?["one"] == .integer(1))
        }
    }

    /// charset=utf8 is MySQL's three-byte utf8, as deployment tools write it: a four-byte character is refused
    /// (strict mode), exactly as under Glance. charset=utf8mb4 carries it.
    @Test func theURLsCharsetIsTheSessionsCharset() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        try withExtendedLifetime(scratch) {
            let utf8 = try MySQLDatabase(parameters: url(scratch.url))
            try utf8.executeScript("CREATE TABLE c (v varchar(10)) CHARACTER SET utf8mb4")
            let refused = #expect(throws: DatabaseError.self) { try utf8.execute("INSERT INTO c VALUES (?)", ["🙂"]) }
            #expect(refused?.code == "1366")

            let mb4URL = scratch.url.replacing("charset=utf8", with: "charset=utf8mb4")
            let mb4 = try MySQLDatabase(parameters: url(mb4URL))
            #expect(try mb4.query("SELECT @@character_set_client AS c").first?["c"] == .text("utf8mb4"))
            try mb4.execute("INSERT INTO c VALUES (?)", ["🙂"])
            #expect(try mb4.query("SELECT v FROM c").first?["v"] == .text("🙂"))
        }
    }

    @Test func aPasswordInTheURLAuthenticates() throws {
        try withPasswordUser { user, password, database in
            let socket = try MySQLTestServer.current().socket
            let encoded = password.replacing("%", with: "%25").replacing("'", with: "%27").replacing("\\", with: "%5C")
                .replacing(";", with: "%3B")
            let text = "mysql+pymysql://\(user):\(encoded)@localhost/\(database)?unix_socket=\(socket)"
            let db = try MySQLDatabase(parameters: url(text))
            #expect(try db.query("SELECT CURRENT_USER() AS u").first?["u"] == .text("\(user)@localhost"))
        }
    }

    /// Operators keep the password out of glance-api.conf in an option file; the URL's own values win over it.
    @Test func theOptionFileSuppliesUserAndPassword() throws {
        try withPasswordUser { user, password, database in
            let socket = try MySQLTestServer.current().socket
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("gb-\(user).cnf")
            try """
                [client]
                user=nobody
                [glance]
                user=\(user)
                password="\(password.replacing("\\", with: "\\\\"))"
                socket=\(socket)
                """.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let db = try MySQLDatabase(parameters: url(
                "mysql+pymysql:///\(database)?read_default_file=\(file.path)&read_default_group=glance&charset=utf8"))
            #expect(try db.query("SELECT CURRENT_USER() AS u, DATABASE() AS d").first?.values
                    == [.text("\(user)@localhost"), .text(database)])
        }
    }

    @Test func aWrongPasswordIsCannotConnectAndNeverPrinted() throws {
        try withPasswordUser { user, _, database in
            let socket = try MySQLTestServer.current().socket
            let wrong = "WrongPw-1234567"
            let text = "mysql+pymysql://\(user):\(wrong)@localhost/\(database)?unix_socket=\(socket)"
            let error = #expect(throws: DatabaseError.self) { try MySQLDatabase(parameters: url(text)) }
            #expect(error?.kind == .cannotConnect)
            #expect(error?.code == "1045")
            let message = error?.description ?? ""
            #expect(message == "cannot connect to MySQL (\(socket), database=\(database)): "
                    + "Access denied for user '\(user)'@'localhost' (using password: YES)")
            #expect(!message.contains("Pw-1"))
        }
    }

    @Test func aMissingSocketIsCannotConnect() throws {
        let text = "mysql+pymysql://glance:pw@localhost/glance?unix_socket=/nonexistent/mysqld.sock"
        let error = #expect(throws: DatabaseError.self) { try MySQLDatabase(parameters: url(text)) }
        #expect(error?.kind == .cannotConnect)
        #expect(error?.code == "2002")
        let prefix = "cannot connect to MySQL (/nonexistent/mysqld.sock, database=glance): "
        #expect(error?.description.hasPrefix(prefix) == true)
        #expect(error?.description.contains("pw") == false)
    }

    /// Asking for TLS means TLS or nothing: against a server without it the connection fails instead of going
    /// on in plain text.
    @Test func tlsIsNeverDowngradedToPlainText() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        withExtendedLifetime(scratch) {
            let ca = FileManager.default.temporaryDirectory.appendingPathComponent("gb-no-such-ca.pem").path
            for options in ["&ssl_ca=\(ca)", "&ssl_ca=\(ca)&ssl_verify_cert=true", "&ssl_cert=/x.pem&ssl_key=/k.pem"] {
                let error = #expect(throws: DatabaseError.self) {
                    try MySQLDatabase(parameters: url(scratch.url + options))
                }
                #expect(error?.kind == .cannotConnect, "\(options)")
                #expect(error?.code == "2026", "\(options)")
            }
        }
    }
}
