import DatabaseCore
import LegacyBridge

/// The differences a comparison expects, each with its reason, derived rather than listed: schema facts by
/// simulating Glance's legacy scripts against the Alembic chain (`KnownSchemas.legacyDifferences`, whose
/// reasons sit on the legacy steps that cause them), rows from the correlation's `expectedRows`. Anything
/// else a comparison finds is unexpected.
struct KnownDifferences {
    let schema: [LegacyDifference]
    let rows: [Correlation.ExpectedRows]

    /// Reason for a difference, or nil when it is not expected.
    func reason(for difference: Difference) -> String? {
        switch difference.kind {
        case .schema:
            let legacyOnly = difference.side == .legacyOnly
            return schema.first { $0.fact == difference.fact && $0.isLegacyOnly == legacyOnly }?.because
        case .data:
            return rows.first { $0.side == difference.side && difference.fact.hasPrefix($0.table + ":") }?.because
        }
    }
}

/// One fact that differs between the two sides of a comparison.
public struct Difference: Sendable, Hashable {
    public enum Kind: String, Sendable { case schema, data }
    public enum Side: String, Sendable {
        case legacyOnly = "legacy-only"
        case alembicOnly = "alembic-only"
    }

    public let kind: Kind
    public let side: Side
    /// A schema fact line, or `table: col=value, …` for a row.
    public let fact: String
    /// Why it is expected, or nil for an unexpected difference.
    public var knownBecause: String?

    public var isUnexpected: Bool { knownBecause == nil }
}
