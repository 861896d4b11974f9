import ArgumentParser
import DatabaseCore
import DatabaseDrivers
import LegacyBridge
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import MigrationEngine

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
        } catch let outcome as CommandOutcome {
            exit(outcome.status.rawValue)
        } catch let failure as CLIFailure {
            Output.error(failure.description)
            exit(failure.status.rawValue)
        } catch let error as DriverError {
            Output.error("ERROR: \(error)")
            exit(ExitStatus.failure.rawValue)
        } catch let error as DatabaseError {
            Output.error("ERROR: \(error.message)")
            exit(ExitStatus.failure.rawValue)
        } catch let mismatch as MismatchError {
            Output.error("ERROR: \(mismatch)")
            for line in mismatch.diff.onlyInFirst { Output.error("  missing:    " + line) }
            for line in mismatch.diff.onlyInSecond { Output.error("  unexpected: " + line) }
            exit(ExitStatus.failure.rawValue)
        } catch let error as BridgeError {
            Output.error("ERROR: \(error)")
            exit(ExitStatus.failure.rawValue)
        } catch let error as MigrationError {
            Output.error("ERROR: \(error)")
            exit(ExitStatus.failure.rawValue)
        } catch let error as RevisionError {
            Output.error("ERROR: \(error)")
            exit(ExitStatus.failure.rawValue)
        } catch {
            let code = GlanceManage.exitCode(for: error)
            if code == .success {
                GlanceManage.exit(withError: error)
            }
            let message = GlanceManage.fullMessage(for: error)
            Output.error(message)
            // ArgumentParser's usage errors (64) become Glance's 2.
            exit(code == .validationFailure ? ExitStatus.usage.rawValue : ExitStatus.failure.rawValue)
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
