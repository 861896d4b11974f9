extension ConnectionURL {
    /// Parses the part after `mysql://`, `mysql+pymysql://`, `mysql+mysqldb://` or `mariadb+pymysql://`:
    /// `user:password@host:port/database?charset=utf8&unix_socket=…&read_default_file=…&ssl_ca=…`.
    ///
    /// Query keys are the ones SQLAlchemy hands to PyMySQL and mysqlclient; an unknown one is an error rather
    /// than silently ignored, since a mistyped `ssl_ca` would otherwise connect without TLS.
    static func parseMySQL(scheme: String, rest: String) throws -> ConnectionURL {
        let driverName = scheme.split(separator: "+", maxSplits: 1).dropFirst().first.map(String.init)
        let driver: MySQLParameters.Driver
        switch driverName {
        case "pymysql": driver = .pymysql
        // SQLAlchemy's default for mysql:// and mariadb:// is mysqlclient; MariaDB's own Python connector is
        // built on Connector/C, so it follows the same socket rule.
        case nil, "mysqldb", "mariadbconnector": driver = .mysqldb
        default:
            throw ConnectionURLError.malformed(reason: "unknown MySQL driver '\(driverName ?? "")' in '\(scheme)://'; "
                                               + "use mysql+pymysql:// or mysql+mysqldb://")
        }
        var parameters = MySQLParameters(driver: driver)
        let parts = SQLAlchemyURL(rest: rest)
        // SQLAlchemy ends a password at its first '@'; a second one lands in the host or the database, where
        // it would be printed. Refuse instead, without echoing any of it.
        guard !(parts.host ?? "").contains("@"), !(parts.database ?? "").contains("@"),
              !(parts.port ?? "").contains("@") else {
            throw ConnectionURLError.malformed(
                reason: "'@' after the user name and password (write '@' in a password as %40)")
        }
        if let user = parts.user, !user.isEmpty { parameters.user = percentDecoded(user) }
        if let password = parts.password { parameters.password = percentDecoded(password) }
        if let port = parts.port, !port.isEmpty {
            guard let number = Int(port), (1...65535).contains(number), port.allSatisfy(\.isNumber) else {
                throw ConnectionURLError.malformed(reason: "the port in the MySQL URL is not a number from 1 to 65535")
            }
            parameters.port = number
        }
        // Host and database are used as written, as SQLAlchemy uses them.
        if let host = parts.host, !host.isEmpty { parameters.host = host }
        if let database = parts.database, !database.isEmpty { parameters.database = database }
        for pair in (parts.query ?? "").split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            try applyMySQLQuery(key: kv[0], value: kv.count > 1 ? percentDecoded(kv[1]) : "", to: &parameters)
        }
        var redacted = scheme + "://"
        if parts.user != nil || parts.password != nil {
            redacted += (parts.user ?? "") + (parts.password == nil ? "" : ":***") + "@"
        }
        if let host = parts.host { redacted += host.contains(":") ? "[\(host)]" : host }
        if let port = parts.port, !port.isEmpty { redacted += ":" + port }
        redacted += "/" + (parts.database ?? "") + (parts.query.map { "?" + $0 } ?? "")
        return ConnectionURL(target: .mysql(parameters), redacted: redacted)
    }

    private static func applyMySQLQuery(key: String, value: String, to parameters: inout MySQLParameters) throws {
        func seconds() throws -> Int {
            guard let number = Int(value), number > 0 else {
                throw ConnectionURLError.malformed(
                    reason: "'\(key)' in the MySQL URL must be a whole number of seconds")
            }
            return number
        }
        switch key {
        case "charset":
            guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ConnectionURLError.malformed(reason: "'charset' in the MySQL URL must name a character set")
            }
            parameters.charset = value
        case "unix_socket": parameters.unixSocket = value
        case "read_default_file": parameters.readDefaultFile = value
        case "read_default_group": parameters.readDefaultGroup = value
        case "ssl_ca": parameters.sslCA = value
        case "ssl_capath": parameters.sslCAPath = value
        case "ssl_cert": parameters.sslCert = value
        case "ssl_key": parameters.sslKey = value
        case "ssl_cipher": parameters.sslCipher = value
        case "ssl_verify_cert", "ssl_check_hostname":
            switch value.lowercased() {
            case "1", "true", "yes", "on": parameters.sslVerifyCert = true
            case "0", "false", "no", "off": parameters.sslVerifyCert = false
            default:
                throw ConnectionURLError.malformed(reason: "'\(key)' in the MySQL URL must be true or false")
            }
        case "connect_timeout": parameters.connectTimeout = try seconds()
        case "read_timeout": parameters.readTimeout = try seconds()
        case "write_timeout": parameters.writeTimeout = try seconds()
        case "plugin":
            // An SQLAlchemy engine plugin (devstack's `plugin=dbcounter`), not a driver option.
            break
        case "password", "passwd":
            // Refused rather than supported: a password in the query string would end up in logs and messages.
            throw ConnectionURLError.malformed(
                reason: "put the MySQL password before the host (user:password@host) or in read_default_file")
        default:
            throw ConnectionURLError.malformed(reason: "unknown MySQL URL parameter '\(key)'")
        }
    }
}
