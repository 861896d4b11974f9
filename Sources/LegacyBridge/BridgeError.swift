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
    /// `migrate_version` no longer held the version a script started from.
    case legacyVersionRowMoved(String)
    /// A sqlalchemy-migrate database on a dialect the legacy scripts do not cover yet.
    case legacyUnsupported(Dialect)
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
        case .legacyUnsupported(let dialect):
            return "this is a sqlalchemy-migrate (legacy) Glance database; glance-bridge cannot carry legacy "
                + "databases on \(dialect) yet, nothing was changed"
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
