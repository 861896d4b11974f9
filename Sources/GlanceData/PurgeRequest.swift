import DatabaseCore
import FoundationEssentials

/// Glance's purge refusals (`glance/cmd/manage.py` `_purge` and `api._validate_db_int`); the texts are
/// Glance's, and `glance-manage` prints them on stderr with exit 1.
public enum PurgeError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidInteger(name: String, value: String)
    case negativeAge
    case ageBeyondEpoch
    case rowsBelowMinimum
    case rowsOutOfRange
    /// oslo.db's `DBReferenceError`: a row to purge is still referenced; its batch was rolled back.
    case stillReferenced(table: String, message: String)

    public var description: String {
        switch self {
        case .invalidInteger(let name, let value): return "Invalid int value for \(name): \(value)"
        case .negativeAge: return "Must supply a non-negative value for age."
        case .ageBeyondEpoch: return "Maximal age is count of days since epoch."
        case .rowsBelowMinimum: return "Minimal rows limit is -1."
        case .rowsOutOfRange: return "'max_rows' value out of range, must not exceed \(PurgeRequest.maximumRows)."
        case .stillReferenced: return "Purge command failed, check glance-manage logs for more details."
        }
    }
}

/// A checked `purge` / `purge_images_table` request: rows soft-deleted more than `ageInDays` days before
/// `now`, at most `maxRows` per table (-1: all of them).
public struct PurgeRequest: Sendable, Equatable {
    public let ageInDays: Int
    public let maxRows: Int
    /// Rows whose `deleted_at` is before this are purged: `now` minus `ageInDays` days.
    public let cutoff: Date

    /// MySQL's signed INT maximum, which Glance enforces on every dialect.
    public static let maximumRows = 2_147_483_647

    /// Checks in Glance's order: age, then rows.
    /// - Throws: `PurgeError` with Glance's message.
    public init(ageInDays: Int, maxRows: Int, now: Date) throws {
        guard ageInDays >= 0 else { throw PurgeError.negativeAge }
        // Glance: age_in_days >= int(time.time()) / 86400, a true division in Python 3.
        guard Double(ageInDays) < Double(Int(now.timeIntervalSince1970)) / 86_400 else { throw PurgeError.ageBeyondEpoch }
        guard maxRows >= -1 else { throw PurgeError.rowsBelowMinimum }
        guard maxRows <= Self.maximumRows else { throw PurgeError.rowsOutOfRange }
        self.ageInDays = ageInDays
        self.maxRows = maxRows
        cutoff = now.addingTimeInterval(-Double(ageInDays) * 86_400)
    }

    /// Glance's `int(value)` for the positional forms (`glance-manage db purge 30 100`).
    /// - Throws: `PurgeError.invalidInteger`.
    public static func integer(_ text: String, name: String) throws -> Int {
        guard let value = Int(text.trimmedOfWhitespace) else {
            throw PurgeError.invalidInteger(name: name, value: text)
        }
        return value
    }
}
