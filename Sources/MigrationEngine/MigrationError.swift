import DatabaseCore

/// Errors from running migrations. Each description is the one line an operator reads.
public enum MigrationError: Error, CustomStringConvertible, Equatable, Sendable {
    case unknownRevisionInDatabase(String)
    case corruptVersionTable(String)
    case versionRowMismatch(change: String, affected: Int)
    /// The database refused a statement of the revision; the underlying error keeps its code and statement.
    case revisionFailed(revision: String, underlying: DatabaseError)
    case unknownDataMigration(String)
    /// A table rebuild left rows whose references find no parent (`PRAGMA foreign_key_check`); rolled back.
    case rebuildBrokeReferences(table: String, [String])
    /// A rebuild's copy made in key ranges arrived at another number of rows than the table had.
    case rowCopyIncomplete(table: String, copied: Int, rows: Int)
    case offlineNeedsDatabase(String)
    case dataMigrationStalled(id: String, firstKey: String)
    /// Where DDL is not transactional: what the next revision changes matches none of the states between its
    /// operations, so something other than a run of it changed the schema.
    case unrecognisedPartialRevision(String)
    /// A killed run left a fused step (`Migrator.fusion`) half-way, and this run does not reach the later
    /// revision it was fused with, so it can finish neither.
    case partialStepOutsideRun(revision: String, fusedWith: [String])

    public var description: String {
        switch self {
        case .unknownRevisionInDatabase(let id):
            return "the database is at revision '\(id.escapingControlCharacters)', which this tool does not know (a newer release, or a corrupt alembic_version table); nothing was changed"
        case .corruptVersionTable(let detail):
            return "the alembic_version table is not usable: \(detail); nothing was changed"
        case .versionRowMismatch(let change, let affected):
            return "alembic_version changed underneath us: '\(change)' touched \(affected) rows instead of 1"
        case .revisionFailed(let revision, let underlying):
            return "revision \(revision) failed and was rolled back: \(underlying.message)"
        case .rebuildBrokeReferences(let table, let broken):
            return "rebuilding \(table) would break \(broken.count) foreign-key reference(s) "
                + "(first: \(broken[0])); rolled back"
        case .rowCopyIncomplete(let table, let copied, let rows):
            return "rebuilding \(table) copied \(copied) of its \(rows) rows; rolled back"
        case .unknownDataMigration(let step):
            return "\(step) names no known data migration"
        case .offlineNeedsDatabase(let revision):
            return "revision \(revision) rebuilds a table, which needs the live schema; run --sql against a database copy"
        case .dataMigrationStalled(let id, let firstKey):
            return "data migration \(id) made no progress on the rows from key '\(firstKey)'; the batches already committed stay, nothing else was changed"
        case .unrecognisedPartialRevision(let revision):
            return "what revision \(revision) changes matches none of the states between its operations "
                + "(changed by hand?); nothing was changed"
        case .partialStepOutsideRun(let revision, let fusedWith):
            return "revision \(revision) was partly applied together with \(fusedWith.joined(separator: ", ")) "
                + "by an earlier run, which this upgrade does not reach; run \"db sync\" to finish it; "
                + "nothing was changed"
        }
    }
}
