import DatabaseCore
import LegacyScripts

/// Why the legacy bridge refuses a database. Every case leaves the database untouched.
public enum BridgeError: Error, CustomStringConvertible, Equatable, Sendable {
    case noGlanceRow(found: [String])
    case severalGlanceRows(Int)
    case unreadableLegacyVersion(String)
    case legacyVersionUnknown(Int)
    case schemaIsAnotherVersion(claimed: String, actual: String)
    case schemaMismatch(claimed: String, differences: Int)
    case unrecognisedSchema
    case legacyStepRefused(String)
    /// The database refused a statement of a legacy script; the underlying error keeps code and statement.
    case legacyStepFailed(String, DatabaseError)
    /// A legacy script failed where DDL is not transactional: the scripts before it committed, and
    /// `migrate_version` records `recorded`, the last one that ran to its end; the failed one may be partly
    /// applied.
    case legacyStepFailedAfterCommits(String, DatabaseError, recorded: Int, dialect: Dialect)
    /// As `legacyVersionRowMoved`, where the scripts before it had committed (DDL not transactional).
    case legacyVersionRowMovedAfterCommits(String, recorded: Int)
    /// The legacy scripts ran (and committed, where DDL is not transactional) but the result is not the
    /// version they lead to; nothing was stamped.
    case carriedSchemaMismatch(from: Int, to: Int, differences: Int)
    /// Where DDL is not transactional: the schema is legacy `recorded` with the first `applied` of the `total`
    /// operations of `script` (a run died or failed inside it).
    case interruptedLegacyScript(recorded: Int, script: String, applied: Int, total: Int)
    /// `migrate_version` no longer held the version a script started from.
    case legacyVersionRowMoved(String)
    /// The version tables changed between planning and the bridge's write transaction (another run bridged).
    case historyChangedUnderneath

    public var description: String {
        switch self {
        case .noGlanceRow(let found):
            return "migrate_version holds no 'Glance Migrations' row (found: \(found.isEmpty ? "no rows" : found.joined(separator: ", "))); this is not a Glance database"
        case .severalGlanceRows(let n):
            return "migrate_version holds \(n) 'Glance Migrations' rows; a sqlalchemy-migrate database has exactly one"
        case .unreadableLegacyVersion(let raw):
            return "migrate_version.version is '\(raw)', which is not a legacy version number"
        case .legacyStepRefused(let reason):
            return reason + "; nothing was changed"
        case .legacyStepFailed(let script, let underlying):
            return "legacy script \(script) failed: \(underlying.message); the whole legacy upgrade was rolled back, nothing was changed"
        case .legacyStepFailedAfterCommits(let script, let underlying, let recorded, let dialect):
            return "legacy script \(script) failed: \(underlying.message); DDL is not transactional on \(dialect), "
                + "so the scripts before it stay applied and migrate_version records legacy version \(recorded); "
                + "\(script) may be partly applied (a rerun checks the schema is legacy \(recorded) before it resumes)"
        case .interruptedLegacyScript(let recorded, let script, let applied, let total):
            return "migrate_version records legacy version \(recorded), but the schema is that version with the "
                + "first \(applied) of the \(total) operations of legacy script \(script): an earlier run stopped "
                + "inside it, and this database cannot roll schema changes back; restore a backup from before "
                + "the upgrade (or finish \(script) by hand); nothing was changed"
        case .legacyVersionRowMovedAfterCommits(let script, let recorded):
            return "legacy script \(script) failed: migrate_version changed underneath (another run?), so this run "
                + "stopped; the scripts up to legacy version \(recorded) stay applied and \(script) may be partly "
                + "applied"
        case .carriedSchemaMismatch(let from, let to, let count):
            return "the legacy scripts from \(from) ran and migrate_version records legacy version \(to), but the "
                + "schema differs from legacy \(to) in \(count) places (listed below); it was not stamped "
                + "(use --force to stamp anyway)"
        case .legacyVersionRowMoved(let script):
            return "legacy script \(script) failed: migrate_version changed underneath; the whole legacy upgrade was rolled back, nothing was changed"
        case .legacyVersionUnknown(let v):
            return "legacy version \(v) is not a Glance legacy version (known: 0, 1-\(LegacyScripts.latest)); is this database newer than the tool, or not Glance's?"
        case .schemaIsAnotherVersion(let claimed, let actual):
            return "the database claims \(claimed) but its schema is that of \(actual); nothing was changed (use --force to stamp the claimed version anyway)"
        case .schemaMismatch(let claimed, let count):
            return "the database claims \(claimed) but its schema differs from it in \(count) places (listed below); nothing was changed (use --force to stamp anyway)"
        case .historyChangedUnderneath:
            return "the version tables changed while the bridge was being planned (another run?); nothing was changed"
        case .unrecognisedSchema:
            return "the database has Glance tables but no version table, and its schema matches no known version; nothing was changed"
        }
    }
}
