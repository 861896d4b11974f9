/// Callbacks the runner makes while it works, so the CLI can log Alembic-style lines and offline SQL can
/// collect statements. All are optional.
public struct MigrationObserver {
    public var revisionStarted: (_ revision: Revision) -> Void
    public var statementExecuted: (_ sql: String) -> Void
    public var dataMigrated: (_ migration: DataMigration, _ rows: Int) -> Void

    public init(revisionStarted: @escaping (Revision) -> Void = { _ in },
                statementExecuted: @escaping (String) -> Void = { _ in },
                dataMigrated: @escaping (DataMigration, Int) -> Void = { _, _ in }) {
        self.revisionStarted = revisionStarted
        self.statementExecuted = statementExecuted
        self.dataMigrated = dataMigrated
    }

    /// `Running upgrade <down> -> <id>, <message>` exactly as Alembic logs it (two spaces for no down).
    public static func runningLine(_ revision: Revision) -> String {
        "Running upgrade \(revision.downRevisions.joined(separator: ", ")) -> \(revision.id)"
            + (revision.message.isEmpty ? "" : ", \(revision.message)")
    }
}
