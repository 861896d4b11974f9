import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `glance-manage`: Glance's database management command, as a drop-in.
public struct GlanceManage: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "glance-manage",
        abstract: "Manage OpenStack Glance databases (SQLite, PostgreSQL, MySQL and MariaDB).",
        discussion: "The common options (oslo.config, oslo.log) are accepted before or after the action.",
        subcommands: [DB.self])

    @OptionGroup(title: "Common options") var common: CommonOptions

    public init() {}

    public func run() throws {
        throw CommandOutcome(status: .usage)
    }
}

/// The process entry point, kept out of `main.swift` so tests and the executable share it.
public enum GlanceManageMain {
    /// Global options that Glance accepts anywhere (oslo.config); moved after the action for the parser.
    /// A function, not a `Set`: see `Invocation.Spelling`.
    static func isGlobalOption(_ name: String) -> Bool { name == "--config-file" || name == "--connection" }

    public static func main(_ rawArguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        if rawArguments == ["--help"] || rawArguments == ["-h"], RootHelp.currentWidth() == RootHelp.width {
            Output.line(RootHelp.text)
            exit(ExitStatus.success.rawValue)
        }
        let programName = CommandLine.arguments.first ?? "glance-manage"
        let invocation: Invocation
        do {
            invocation = try Invocation.parse(rawArguments)
        } catch {
            finish(error)
        }
        if invocation.showVersion {
            Output.line(ReleaseInfo.versionLine)
            exit(ExitStatus.success.rawValue)
        }
        if let shell = invocation.shellCompletion {
            printCompletionScript(shell)
        }
        var arguments = normalise(invocation.arguments)
        let action = arguments.prefix { !isGlobalOption($0.split(separator: "=").first.map(String.init) ?? $0) }
        if action.isEmpty {
            Output.line("\(programName) category action [<args>]")
            Output.line("Available categories:")
            Output.line("\tdb")
            exit(ExitStatus.usage.rawValue)
        }
        if Array(action) == ["db"] {
            DB.printActions()
            exit(ExitStatus.usage.rawValue)
        }
        // Help needs no configuration: a broken config file must not hide it, and it stays fast.
        var settings = LogSettings()
        var files: [String] = []
        if !invocation.wantsHelp {
            do {
                files = invocation.sources.isEmpty ? ConfigurationSearch().files(for: [])
                    : try ConfigurationSearch().files(forExplicit: invocation.sources)
                let configuration = files.isEmpty ? nil : try ConfigurationFiles(paths: files)
                settings = try LogSettings.resolve(invocation, configuration: configuration)
            } catch {
                finish(error)
            }
            if !invocation.sources.isEmpty {
                arguments += files.flatMap { ["--config-file", $0] }
            }
        }
        LogSettings.$current.withValue(settings) {
            if !files.isEmpty { Output.log("Config files: \(files.joined(separator: ", "))", logger: "glance_bridge.config",
                                            level: "DEBUG") }
            run(arguments)
        }
        fatalError("run(_:) exits")
    }

    static func printCompletionScript(_ shell: String) -> Never {
        switch shell {
        case "bash": Output.line(GlanceManage.completionScript(for: .bash))
        case "zsh": Output.line(GlanceManage.completionScript(for: .zsh))
        default:
            Output.error("glance-manage: error: argument --shell_completion: invalid choice: '\(shell)' "
                         + "(choose from 'bash', 'zsh')")
            exit(ExitStatus.usage.rawValue)
        }
        exit(ExitStatus.success.rawValue)
    }

    static func run(_ arguments: [String]) -> Never {
        do {
            if let version = quickVersion(arguments) {
                try version()
            } else {
                var command = try leaf(arguments) ?? GlanceManage.parseAsRoot(arguments)
                try command.run()
            }
            exit(ExitStatus.success.rawValue)
        } catch {
            finish(error)
        }
    }

    /// `db version` with nothing but `--connection`, `--config-file` and `--format` (what monitoring polls),
    /// read without ArgumentParser, whose reflection and property wrappers were most of its start-up; any
    /// other argument goes through the parser. It runs the command's own `report`, so the work is the same.
    static func quickVersion(_ arguments: [String]) -> (() throws -> Void)? {
        guard arguments.count >= 2, arguments[0] == "db", arguments[1] == "version" else { return nil }
        var choice = ConnectionChoice(connection: nil, configFiles: [])
        var format = OutputFormat.text
        var rest = arguments.dropFirst(2)
        while let argument = rest.popFirst() {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let value = parts.count == 2 ? String(parts[1]) : rest.popFirst(), !value.hasPrefix("-") else {
                return nil
            }
            switch parts[0] {
            case "--connection": choice.connection = value
            case "--config-file": choice.configFiles.append(value)
            case "--format":
                guard let chosen = OutputFormat(rawValue: value) else { return nil }
                format = chosen
            default: return nil
            }
        }
        return { try DB.Version.report(choice, format: format) }
    }

    /// `db <action> …` parsed by the action's own command alone, or nil to parse from the root. Parsing from
    /// the root builds every command's argument set and names (most of `db version`'s start-up time);
    /// any failure (a usage error, `--help`) goes through the root, so messages and help show the full path.
    static func leaf(_ arguments: [String]) -> (any ParsableCommand)? {
        guard arguments.count >= 2, arguments[0] == "db",
              let type = DB.configuration.subcommands.first(where: { $0.configuration.commandName == arguments[1] })
        else { return nil }
        return try? type.parseAsRoot(Array(arguments.dropFirst(2)))
    }

    /// Prints the error's lines (or the parser's help) and exits with its status (`ErrorReport`).
    static func finish(_ error: Error) -> Never {
        // --help and --version end the parse with a "success" error that prints itself.
        if !(error is CommandOutcome), GlanceManage.exitCode(for: error) == .success {
            GlanceManage.exit(withError: error)
        }
        let report = ErrorReport(error)
        report.lines.forEach(Output.error)
        exit(report.status.rawValue)
    }

    /// Legacy `db_sync`-style actions become `db sync`; global options before the action move after it.
    static func normalise(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest: [String] = []
        var i = 0
        var seenAction = false
        while i < arguments.count {
            let argument = arguments[i]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if !seenAction, isGlobalOption(name) {
                leading.append(argument)
                if !argument.contains("="), i + 1 < arguments.count { leading.append(arguments[i + 1]); i += 1 }
            } else if !seenAction, argument.hasPrefix("db_") {
                rest += ["db", String(argument.dropFirst(3))]
                seenAction = true
            } else {
                if argument == "db" || !argument.hasPrefix("-") { seenAction = true }
                rest.append(argument)
            }
            i += 1
        }
        return rest + leading
    }
}
