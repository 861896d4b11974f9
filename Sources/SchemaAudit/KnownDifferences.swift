import DatabaseCore

/// The differences between a legacy script and its Alembic counterpart that are known and explained
/// (spec §1.5), per pair and dialect. Anything else a comparison finds is unexpected.
public enum KnownDifferences {
    /// Reason for a difference, or nil when it is not documented.
    public static func reason(pair: String, dialect: Dialect, difference: Difference) -> String? {
        switch (pair, dialect, difference.kind, difference.side) {
        case ("001-042", .sqlite, .schema, .legacyOnly):
            switch difference.fact {
            case "unique image_members (unnamed) cols=image_id,member":
                return "022 is a no-op on SQLite, so the pre-Grizzly UNIQUE(image_id, member) stays beside 037's three-column one"
            case "check image_locations deleted IN (0, 1)", "check tasks deleted IN (0, 1)":
                return "sqlalchemy-migrate's table rebuilds (029, 032) repeated the Boolean CHECK"
            default: return nil
            }
        case ("001-042", .sqlite, .schema, .alembicOnly) where difference.fact == "check images protected IN (0, 1)":
            return "037_sqlite_upgrade.sql declares images.protected without a CHECK; liberty_initial's Boolean has one"
        case ("001-042", _, .data, .legacyOnly) where difference.fact.hasPrefix("metadef_resource_types:"):
            return "legacy 035 seeds five resource types; liberty_initial seeds none"
        case ("045", .sqlite, .schema, .legacyOnly) where difference.fact.hasPrefix("check images "):
            return "045_sqlite_upgrade.sql rebuilds images with CHECKs (including the named image_visibility one); Alembic's batch rebuild in ocata_contract01 drops unnamed CHECK constraints"
        case ("path", .sqlite, .schema, .legacyOnly):
            switch difference.fact {
            case "unique image_members (unnamed) cols=image_id,member", "check image_locations deleted IN (0, 1)", "check tasks deleted IN (0, 1)":
                return "legacy residue on SQLite: constraints the Alembic chain never rewrites (see 001-042)"
            case "check images deleted IN (0, 1)", "check images protected IN (0, 1)", "check images visibility IN ('private', 'public', 'shared', 'community')":
                return "045's CHECKs on images; stamped at ocata_contract01, the Alembic chain never rebuilds images again"
            default: return nil
            }
        default:
            return nil
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
