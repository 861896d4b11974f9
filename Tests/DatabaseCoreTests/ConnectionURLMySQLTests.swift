import DatabaseCore
import Testing

private func dumped(_ value: Any) -> String {
    var text = ""
    dump(value, to: &text)
    return text
}

/// MySQL URLs as glance-api.conf carries them (SQLAlchemy's forms for PyMySQL and mysqlclient).
@Suite struct ConnectionURLMySQLTests {
    private func parameters(_ text: String) throws -> MySQLParameters {
        let url = try ConnectionURL(parsing: text)
        guard case .mysql(let parameters) = url.target else {
            Issue.record("\(text) is not a MySQL URL")
            return MySQLParameters()
        }
        #expect(url.dialect == .mysql)
        return parameters
    }

    @Test func pymysqlURLWithHostPortAndCharset() throws {
        let p = try parameters("mysql+pymysql://glance:p%40ss%2Fword@db.example.com:3307/glance?charset=utf8")
        #expect(p.driver == .pymysql)
        #expect(p.user == "glance")
        #expect(p.password == "p@ss/word")
        #expect(p.host == "db.example.com")
        #expect(p.port == 3307)
        #expect(p.database == "glance")
        #expect(p.charset == "utf8")
        #expect(p.unixSocket == nil)
    }

    @Test(arguments: [
        ("mysql://glance@db/glance", MySQLParameters.Driver.mysqldb),
        ("mysql+mysqldb://glance@db/glance", .mysqldb),
        ("mysql+pymysql://glance@db/glance", .pymysql),
        ("mariadb+pymysql://glance@db/glance", .pymysql),
        ("MySQL+PyMySQL://glance@db/glance", .pymysql),
    ])
    func everySchemeGlanceDeploymentsWrite(_ text: String, _ driver: MySQLParameters.Driver) throws {
        let p = try parameters(text)
        #expect(p.driver == driver)
        #expect(p.host == "db")
        #expect(p.database == "glance")
        #expect(p.charset == nil)
        #expect(p.effectiveCharset == "utf8")
    }

    @Test func unixSocketFromTheQuery() throws {
        let url = try ConnectionURL(
            parsing: "mysql+pymysql://glance:secret@localhost/glance?unix_socket=/var/run/mysqld/mysqld.sock")
        guard case .mysql(let p) = url.target else { Issue.record("not MySQL"); return }
        #expect(p.unixSocket == "/var/run/mysqld/mysqld.sock")
        #expect(p.host == "localhost")
        #expect(p.endpoint == "/var/run/mysqld/mysqld.sock")
        #expect(url.redacted == "mysql+pymysql://glance:***@localhost/glance?unix_socket=/var/run/mysqld/mysqld.sock")
    }

    @Test func optionFileAndGroup() throws {
        let p = try parameters("mysql+pymysql:///glance?read_default_file=/etc/glance/my.cnf&read_default_group=glance")
        #expect(p.readDefaultFile == "/etc/glance/my.cnf")
        #expect(p.readDefaultGroup == "glance")
        #expect(p.user == nil)
        #expect(p.password == nil)
        #expect(p.host == nil)
        #expect(p.database == "glance")
    }

    @Test func tlsParameters() throws {
        let p = try parameters("mysql+pymysql://glance:pw@db/glance?ssl_ca=/etc/ssl/ca.pem&ssl_cert=/etc/ssl/c.pem"
                               + "&ssl_key=/etc/ssl/k.pem&ssl_verify_cert=true")
        #expect(p.sslCA == "/etc/ssl/ca.pem")
        #expect(p.sslCert == "/etc/ssl/c.pem")
        #expect(p.sslKey == "/etc/ssl/k.pem")
        #expect(p.sslVerifyCert == true)
        #expect(p.usesTLS)
        #expect(try parameters("mysql+pymysql://glance@db/glance?ssl_verify_cert=0").sslVerifyCert == false)
        #expect(try !parameters("mysql+pymysql://glance@db/glance").usesTLS)
    }

    @Test func ipv6HostAndNoPassword() throws {
        let url = try ConnectionURL(parsing: "mysql+pymysql://glance@[::1]:3306/glance")
        guard case .mysql(let p) = url.target else { Issue.record("not MySQL"); return }
        #expect(p.host == "::1")
        #expect(p.port == 3306)
        #expect(p.password == nil)
        #expect(p.endpoint == "[::1]:3306")
        #expect(url.redacted == "mysql+pymysql://glance@[::1]:3306/glance")
    }

    @Test func devstacksEnginePluginIsNotADriverOption() throws {
        #expect(try parameters("mysql+pymysql://glance@db/glance?charset=utf8&plugin=dbcounter").charset == "utf8")
    }

    @Test(arguments: [
        "mysql+pymysql://glance:pw@db:notaport/glance",
        "mysql+pymysql://glance:pw@db:0/glance",
        "mysql+pymysql://glance:pw@db:70000/glance",
        "mysql+pymysql://glance:pw@[::1/glance",
        "mysql+oursql://glance:pw@db/glance",
        "mysql+pymysql://glance:pw@db/glance?sslca=/x",
        "mysql+pymysql://glance@db/glance?password=pw",
        "mysql+pymysql://glance:pw@db/glance?ssl_verify_cert=maybe",
        "mysql+pymysql://glance:pw@db/glance?connect_timeout=soon",
        "mysql+pymysql://glance:pw@db/glance?charset=utf8;drop",
    ])
    func badURLsAreOneClearLineWithoutThePassword(_ text: String) {
        let error = #expect(throws: ConnectionURLError.self) { try ConnectionURL(parsing: text) }
        guard case .malformed = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        let line = error?.description ?? ""
        #expect(!line.contains("\n"))
        #expect(!line.contains("pw"), "\(line)")
    }

    /// No piece of the password (three characters or more, raw or percent-encoded) in anything printable.
    @Test func noPasswordFragmentLeaks() throws {
        let password = "Zq7#Wx9!Lp3@Mn5:"
        let encoded = "Zq7%23Wx9%21Lp3%40Mn5%3A"
        let url = try ConnectionURL(
            parsing: "mysql+pymysql://glance:\(encoded)@db.example.com:3306/glance?charset=utf8")
        guard case .mysql(let p) = url.target else { Issue.record("not MySQL"); return }
        #expect(p.password == password)
        let printed = [url.redacted, url.description, String(describing: url), String(reflecting: url.target),
                       String(describing: p), String(reflecting: p), String(describing: url.target), dumped(url)]
        for text in printed {
            for secret in [password, encoded] {
                let characters = Array(secret)
                for start in 0..<(characters.count - 2) {
                    let fragment = String(characters[start..<(start + 3)])
                    #expect(!text.contains(fragment), "'\(fragment)' of the password is in: \(text)")
                }
            }
        }
        #expect(url.redacted == "mysql+pymysql://glance:***@db.example.com:3306/glance?charset=utf8")
    }
}
