/// How to reach a MySQL or MariaDB server, as a `mysql+pymysql://…` URL in `glance-api.conf` says it.
///
/// `description` never contains the password.
public struct MySQLParameters: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// The Python driver the URL names: it decides what `localhost` means.
    public enum Driver: String, Sendable, Hashable {
        /// PyMySQL (`mysql+pymysql://`, `mariadb+pymysql://`): without `unix_socket` it always uses TCP, also
        /// to `localhost`.
        case pymysql
        /// mysqlclient (`mysql://`, `mysql+mysqldb://`): libmysqlclient's rule, `localhost` (or no host) is the
        /// server's default unix socket.
        case mysqldb
    }

    public var driver: Driver
    public var host: String?
    public var port: Int?
    public var unixSocket: String?
    public var user: String?
    public var password: String?
    public var database: String?
    /// The connection character set; nil means the default, `utf8` (what deployment tools write).
    public var charset: String?
    /// An option file (`my.cnf` format) and the group in it to read: operators keep the password there.
    public var readDefaultFile: String?
    public var readDefaultGroup: String?
    public var sslCA: String?
    public var sslCAPath: String?
    public var sslCert: String?
    public var sslKey: String?
    public var sslCipher: String?
    /// Whether the server's certificate (and host name) must verify; nil leaves the client library's default.
    public var sslVerifyCert: Bool?
    /// Seconds; nil means the driver's default.
    public var connectTimeout: Int?
    public var readTimeout: Int?
    public var writeTimeout: Int?

    public init(driver: Driver = .pymysql, host: String? = nil, port: Int? = nil, unixSocket: String? = nil,
                user: String? = nil, password: String? = nil, database: String? = nil, charset: String? = nil) {
        self.driver = driver
        self.host = host
        self.port = port
        self.unixSocket = unixSocket
        self.user = user
        self.password = password
        self.database = database
        self.charset = charset
    }

    /// The charset the session is set up with: the URL's, or `utf8` as Glance's deployment tools write it.
    public var effectiveCharset: String { charset ?? "utf8" }

    /// Whether any TLS option is set, so that the connection must use TLS.
    public var usesTLS: Bool {
        sslCA != nil || sslCAPath != nil || sslCert != nil || sslKey != nil || sslCipher != nil || sslVerifyCert == true
    }

    /// Where the connection goes, for messages: the socket path or `host:port`, never credentials.
    public var endpoint: String {
        if let unixSocket { return unixSocket }
        let name = host ?? "localhost"
        let shown = name.contains(":") ? "[\(name)]" : name
        return port.map { "\(shown):\($0)" } ?? shown
    }

    public var description: String {
        "MySQLParameters(\(user.map { $0 + (password == nil ? "" : ":***") + "@" } ?? "")\(endpoint)"
            + "/\(database ?? ""))"
    }

    public var debugDescription: String { description }

    /// `dump()` and debuggers show the fields with the password masked.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "driver": driver, "endpoint": endpoint, "user": user as Any, "password": password.map { _ in "***" } as Any,
            "database": database as Any, "charset": effectiveCharset, "readDefaultFile": readDefaultFile as Any,
            "readDefaultGroup": readDefaultGroup as Any, "usesTLS": usesTLS,
        ])
    }
}
