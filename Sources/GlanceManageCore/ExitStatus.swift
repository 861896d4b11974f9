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
