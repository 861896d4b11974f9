/// Callbacks the runner makes while it works, so the CLI can log Alembic-style lines and offline SQL can
/// collect statements. All are optional.
public struct MigrationObserver {
    public var revisionStarted: (_ revision: Revision) -> Void
    public var statementExecuted: (_ sql: String) -> Void
    public var dataMigrated: (_ migration: DataMigration, _ rows: Int) -> Void
    /// A step (a revision, or revisions fused into one) a killed run left half-way is resumed after its
    /// first `done` of `count` operations.
    public var revisionResumed: (_ step: UpgradeStep, _ done: Int, _ count: Int) -> Void
    /// Before a schema change that holds up every write of a cluster while it runs, on a table holding at
    /// least `ClusterStatus.longSchemaChangeRows` rows: the warning the driver's status words.
    public var clusterBlocked: (_ warning: String) -> Void
    /// A table rebuild's copy of the rows of `table` (where the renderer can make it in key ranges, SQLite):
    /// `copied` of `rows`, once with 0 before the first range and after each range. Only copies of more
    /// than `rowsPerProgressReport` rows report; a smaller one is a single statement.
    public var rowsCopied: (_ table: String, _ copied: Int, _ rows: Int) -> Void
    /// About how many rows a rebuild copies between two `rowsCopied` reports.
    public var rowsPerProgressReport: Int

    public init(revisionStarted: @escaping (Revision) -> Void = { _ in },
                statementExecuted: @escaping (String) -> Void = { _ in },
                dataMigrated: @escaping (DataMigration, Int) -> Void = { _, _ in },
                revisionResumed: @escaping (UpgradeStep, Int, Int) -> Void = { _, _, _ in },
                clusterBlocked: @escaping (String) -> Void = { _ in },
                rowsCopied: @escaping (String, Int, Int) -> Void = { _, _, _ in },
                rowsPerProgressReport: Int = 50_000) {
        self.revisionStarted = revisionStarted
        self.statementExecuted = statementExecuted
        self.dataMigrated = dataMigrated
        self.revisionResumed = revisionResumed
        self.clusterBlocked = clusterBlocked
        self.rowsCopied = rowsCopied
        self.rowsPerProgressReport = rowsPerProgressReport
    }

    /// `Running upgrade <down> -> <id>, <message>` exactly as Alembic logs it (two spaces for no down).
    public static func runningLine(_ revision: Revision) -> String {
        "Running upgrade \(revision.downRevisions.joined(separator: ", ")) -> \(revision.id)"
            + (revision.message.isEmpty ? "" : ", \(revision.message)")
    }

    /// The line logged when a step is resumed rather than started.
    public static func resumingLine(_ step: UpgradeStep, done: Int, count: Int) -> String {
        let fused = step.fusedWith.isEmpty ? ""
            : " (applied as one step with \(step.fusedWith.joined(separator: ", ")))"
        return "Resuming upgrade to \(step.first.id)\(fused) after operation \(done) of \(count): an earlier run "
            + "stopped there (this database commits every DDL statement)"
    }
}
