import ArgumentParser
import DatabaseCore
import DatabaseDrivers
import GlanceData
import LegacyBridge
import MigrationEngine

/// Exit statuses of `glance-manage`, the same contract as Glance's (the README repeats this table).
public enum ExitStatus: Int32, Sendable {
    /// Success, including "up to date" short-cuts.
    case success = 0
    /// Any failure: guard rails, bad configuration or URL, database errors, unknown revisions.
    case failure = 1
    /// Usage errors (Glance's argparse convention; ArgumentParser's own would be 64).
    case usage = 2
    /// `db check`: expansion pending.
    case expandNeeded = 3
    /// `db check`: data migration pending.
    case migrateNeeded = 4
    /// `db check`: contraction pending.
    case contractNeeded = 5
}

/// A failure with the one line printed on stderr and the exit status. Glance's `sys.exit("<text>")`.
public struct CLIFailure: Error, CustomStringConvertible {
    public let description: String
    public let status: ExitStatus

    public init(_ message: String, status: ExitStatus = .failure) {
        self.description = message
        self.status = status
    }
}

/// An outcome that is not an error but ends the command with a particular status (`db check`'s 3/4/5).
public struct CommandOutcome: Error {
    public let status: ExitStatus
}

/// What the operator reads on stderr for an error, and the exit status: the one mapping from errors to
/// exits (the README's exit-code table is this).
struct ErrorReport {
    let lines: [String]
    let status: ExitStatus

    init(_ error: Error) {
        switch error {
        case let outcome as CommandOutcome:
            (lines, status) = ([], outcome.status)
        case let failure as CLIFailure:
            (lines, status) = ([failure.description], failure.status)
        case let error as DatabaseError:
            (lines, status) = (["ERROR: \(error.message)"], .failure)
        case let mismatch as MismatchError:
            lines = ["ERROR: \(mismatch)"] + mismatch.diff.onlyInFirst.map { "  missing:    " + $0 }
                + mismatch.diff.onlyInSecond.map { "  unexpected: " + $0 }
            status = .failure
        case is PurgeError, is GlanceDataError:
            (lines, status) = ([String(describing: error)], .failure)
        case is DriverError, is ConnectionURLError, is BridgeError, is MigrationError, is RevisionError:
            (lines, status) = (["ERROR: \(error)"], .failure)
        default:
            // ArgumentParser's own errors: usage problems (its 64) become Glance's 2.
            let usage = GlanceManage.exitCode(for: error) == .validationFailure
            (lines, status) = ([GlanceManage.fullMessage(for: error)], usage ? .usage : .failure)
        }
    }

    /// The first line without the `ERROR: ` prefix, for messages that embed it (`Failed to sync database:`).
    var headline: String {
        let first = lines.first ?? ""
        return first.hasPrefix("ERROR: ") ? String(first.dropFirst(7)) : first
    }
}
