/// The command line split into oslo's common options (`CommonOptions`) and what the subcommands parse.
///
/// Glance's parser is argparse: the common options go before the action. Here they are also accepted after
/// it, except `--version`, which after the action is the subcommand's own (`db upgrade --version V`).
/// `--config-file` and `--config-dir` are resolved here, in command-line order, into the list of files to
/// read; the subcommands get that list as `--config-file` options.
struct Invocation: Equatable {
    /// The arguments for ArgumentParser, common options removed.
    var arguments: [String] = []
    var sources: [ConfigurationSearch.Source] = []
    var debug: Bool?
    var useJSON: Bool?
    var useSyslog: Bool?
    var useJournal: Bool?
    var logFile: String?
    var logDir: String?
    var logConfigAppend: String?
    var logDateFormat: String?
    var syslogFacility: String?
    var shellCompletion: String?
    var showVersion = false
    var wantsHelp = false

    /// A plain enum rather than key paths: building a table of key paths costs more than the rest of
    /// `--version`'s start-up.
    private enum Spelling: Sendable {
        case configFile, configDir, version
        case debug(Bool), useJSON(Bool), useSyslog(Bool), useJournal(Bool)
        case logFile, logDir, logConfigAppend, logDateFormat, syslogFacility, shellCompletion

        /// A switch rather than a `[String: Spelling]` table: the first dictionary of a new type costs the
        /// Swift runtime a scan of every protocol conformance in the binary, a tenth of `db version`'s
        /// start-up.
        init?(_ name: String) {
            switch name {
            case "--config-file": self = .configFile
            case "--config-dir": self = .configDir
            case "--debug", "-d": self = .debug(true)
            case "--nodebug": self = .debug(false)
            case "--use-json": self = .useJSON(true)
            case "--nouse-json": self = .useJSON(false)
            case "--use-syslog": self = .useSyslog(true)
            case "--nouse-syslog": self = .useSyslog(false)
            case "--use-journal": self = .useJournal(true)
            case "--nouse-journal": self = .useJournal(false)
            case "--log-file", "--logfile": self = .logFile
            case "--log-dir", "--logdir": self = .logDir
            case "--log-config-append", "--log-config", "--log_config": self = .logConfigAppend
            case "--log-date-format": self = .logDateFormat
            case "--syslog-log-facility": self = .syslogFacility
            case "--shell_completion": self = .shellCompletion
            case "--version": self = .version
            default: return nil
            }
        }
    }

    /// Options of the subcommands that take a value, so a value is never mistaken for the action.
    private static func isOtherValueOption(_ name: String) -> Bool { name == "--connection" }

    /// - Throws: `CLIFailure` with status `.usage` for a common option without its value (argparse's
    ///   "expected one argument").
    static func parse(_ arguments: [String]) throws -> Invocation {
        var result = Invocation()
        var seenAction = false
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if argument == "--" { result.arguments += arguments[(i - 1)...]; break }
            if argument == "--help" || argument == "-h" { result.wantsHelp = true }
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard name.hasPrefix("-"), let spelling = Spelling(name), !(seenAction && name == "--version") else {
                if !argument.hasPrefix("-") { seenAction = true }
                result.arguments.append(argument)
                if Self.isOtherValueOption(name), parts.count == 1, i < arguments.count {
                    result.arguments.append(arguments[i]); i += 1
                }
                continue
            }
            func takeValue() throws -> String {
                if parts.count == 2 { return String(parts[1]) }
                guard i < arguments.count else {
                    throw CLIFailure("glance-manage: error: argument \(name): expected one argument", status: .usage)
                }
                i += 1
                return arguments[i - 1]
            }
            func flag(_ value: Bool) throws -> Bool {
                guard parts.count == 1 else {
                    throw CLIFailure("glance-manage: error: argument \(name): ignored explicit argument '\(parts[1])'",
                                     status: .usage)
                }
                return value
            }
            switch spelling {
            case .configFile: result.sources.append(.file(try takeValue()))
            case .configDir: result.sources.append(.directory(try takeValue()))
            case .version: result.showVersion = true
            case .debug(let value): result.debug = try flag(value)
            case .useJSON(let value): result.useJSON = try flag(value)
            case .useSyslog(let value): result.useSyslog = try flag(value)
            case .useJournal(let value): result.useJournal = try flag(value)
            case .logFile: result.logFile = try takeValue()
            case .logDir: result.logDir = try takeValue()
            case .logConfigAppend: result.logConfigAppend = try takeValue()
            case .logDateFormat: result.logDateFormat = try takeValue()
            case .syslogFacility: result.syslogFacility = try takeValue()
            case .shellCompletion: result.shellCompletion = try takeValue()
            }
        }
        return result
    }
}
