import ArgumentParser
import DatabaseCore
import GlanceData
import FoundationEssentials

/// Where the database is: `--config-file` (repeatable, `[database] connection`, later files win) or
/// `--connection`. Accepted before or after the action, as with Glance's oslo.config options.
public struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("config-file"), help: ArgumentHelp("Path to a config file with [database] connection; repeatable, later files win.", valueName: "PATH"))
    public var configFiles: [String] = []

    @Option(name: .customLong("connection"), help: ArgumentHelp("Database URL (sqlite:////abs/path, sqlite:///relative, postgresql://user:pass@host/db) or libpq conninfo; overrides config files.", valueName: "URL"))
    public var connection: String?

    public init() {}

    /// The file used when neither option is given and no default config file sets a connection.
    public static let defaultURL = ConnectionChoice.defaultURL

    /// Resolves the connection URL. The URL text is never printed; only `ConnectionURL.redacted` is.
    public func resolve() throws -> ConnectionURL {
        try ConnectionChoice(connection: connection, configFiles: configFiles).resolve()
    }
}

/// The two options' values as plain data, so a command can resolve them without ArgumentParser's property
/// wrappers (building those is a measurable part of `db version`'s start-up, BENCHMARKS.md).
struct ConnectionChoice {
    var connection: String?
    var configFiles: [String]

    static let defaultURL = "sqlite:///glance.sqlite"

    func resolve() throws -> ConnectionURL {
        let text: String
        if let connection {
            text = connection
        } else if !configFiles.isEmpty {
            guard let value = try ConfigurationFiles(paths: configFiles).databaseConnection() else {
                throw CLIFailure("ERROR: no [database] connection is set in \(configFiles.joined(separator: ", "))")
            }
            text = value
        } else if let found = Self.defaultConfigFiles(), let value = try ConfigurationFiles(paths: found).databaseConnection() {
            text = value
        } else {
            Output.error("No --config-file or --connection given; using \(Self.defaultURL)")
            text = Self.defaultURL
        }
        return try ConnectionURL(parsing: text)
    }

    /// Glance's default config files and directories (`ConfigurationSearch`), or nil when there are none.
    static func defaultConfigFiles() -> [String]? {
        let found = ConfigurationSearch().files(for: [])
        return found.isEmpty ? nil : found
    }
}
