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

    private enum Spelling {
        case value(WritableKeyPath<Invocation, String?>)
        case flag(WritableKeyPath<Invocation, Bool?>, Bool)
        case configFile, configDir, version
    }

    private static var spellings: [String: Spelling] { [
        "--config-file": .configFile, "--config-dir": .configDir,
        "--debug": .flag(\.debug, true), "-d": .flag(\.debug, true), "--nodebug": .flag(\.debug, false),
        "--use-json": .flag(\.useJSON, true), "--nouse-json": .flag(\.useJSON, false),
        "--use-syslog": .flag(\.useSyslog, true), "--nouse-syslog": .flag(\.useSyslog, false),
        "--use-journal": .flag(\.useJournal, true), "--nouse-journal": .flag(\.useJournal, false),
        "--log-file": .value(\.logFile), "--logfile": .value(\.logFile),
        "--log-dir": .value(\.logDir), "--logdir": .value(\.logDir),
        "--log-config-append": .value(\.logConfigAppend), "--log-config": .value(\.logConfigAppend),
        "--log_config": .value(\.logConfigAppend), "--log-date-format": .value(\.logDateFormat),
        "--syslog-log-facility": .value(\.syslogFacility), "--shell_completion": .value(\.shellCompletion),
        "--version": .version,
    ] }

    /// Options of the subcommands that take a value, so a value is never mistaken for the action.
    private static let otherValueOptions: Set<String> = ["--connection"]

    /// - Throws: `CLIFailure` with status `.usage` for a common option without its value (argparse's
    ///   "expected one argument").
    static func parse(_ arguments: [String]) throws -> Invocation {
        var result = Invocation()
        let spellings = Self.spellings
        var seenAction = false
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if argument == "--" { result.arguments += arguments[(i - 1)...]; break }
            if argument == "--help" || argument == "-h" { result.wantsHelp = true }
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard name.hasPrefix("-"), let spelling = spellings[name], !(seenAction && name == "--version") else {
                if !argument.hasPrefix("-") { seenAction = true }
                result.arguments.append(argument)
                if otherValueOptions.contains(name), parts.count == 1, i < arguments.count {
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
            switch spelling {
            case .value(let path): result[keyPath: path] = try takeValue()
            case .flag(let path, let value):
                guard parts.count == 1 else {
                    throw CLIFailure("glance-manage: error: argument \(name): ignored explicit argument '\(parts[1])'",
                                     status: .usage)
                }
                result[keyPath: path] = value
            case .configFile: result.sources.append(.file(try takeValue()))
            case .configDir: result.sources.append(.directory(try takeValue()))
            case .version: result.showVersion = true
            }
        }
        return result
    }
}
