import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `glance-manage`: Glance's database management command, as a drop-in.
public struct GlanceManage: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "glance-manage",
        abstract: "Manage OpenStack Glance databases (SQLite and PostgreSQL).",
        subcommands: [DB.self])

    public init() {}

    public func run() throws {
        throw CommandOutcome(status: .usage)
    }
}

/// The process entry point, kept out of `main.swift` so tests and the executable share it.
public enum GlanceManageMain {
    /// Global options that Glance accepts anywhere (oslo.config); moved after the action for the parser.
    static let globalOptions: Set<String> = ["--config-file", "--connection"]

    public static func main(_ rawArguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        let programName = CommandLine.arguments.first ?? "glance-manage"
        let arguments = normalise(rawArguments)
        let action = arguments.prefix { !globalOptions.contains($0.split(separator: "=").first.map(String.init) ?? $0) }
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
        do {
            var command = try GlanceManage.parseAsRoot(arguments)
            try command.run()
            exit(ExitStatus.success.rawValue)
        } catch {
            // --help and --version end the parse with a "success" error that prints itself.
            if !(error is CommandOutcome), GlanceManage.exitCode(for: error) == .success {
                GlanceManage.exit(withError: error)
            }
            let report = ErrorReport(error)
            report.lines.forEach(Output.error)
            exit(report.status.rawValue)
        }
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
            if !seenAction, globalOptions.contains(name) {
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
