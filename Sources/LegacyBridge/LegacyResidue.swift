import DatabaseCore

/// What a bridged legacy database keeps that a fresh Alembic database does not have, once both are at
/// head: the documented, reasoned differences. Real Glance leaves the same (reference
/// `diff-legacy44-*-after-stamp-then-modern-vs-fresh.txt`); the bridge does not rewrite tables the Alembic
/// chain itself never touches.
public enum LegacyResidue {
    /// Fact lines present only in the bridged database, as `SchemaDiff(fresh, bridged).onlyInSecond`.
    public static func extraFacts(legacyVersion: Int, dialect: Dialect) -> [String] {
        // PostgreSQL: the remaining differences (foreign-key constraint names `*_fk_1`, the orphaned
        // `images_id_seq` sequence from 001's integer ids) are outside the neutral model.
        guard dialect == .sqlite else { return [] }
        var facts = [
            // 022 was a no-op on SQLite, so the pre-Grizzly UNIQUE(image_id, member) never went away.
            "unique image_members (unnamed) cols=image_id,member",
            // sqlalchemy-migrate's table rebuilds repeated the Boolean CHECK of `deleted`.
            "check image_locations deleted IN (0, 1)",
            "check tasks deleted IN (0, 1)",
        ]
        if legacyVersion == 45 {
            // 045's SQLite script rebuilt images with CHECKs; stamped at ocata_contract01, the Alembic
            // chain never rebuilds images again, so they stay.
            facts += ["check images deleted IN (0, 1)", "check images protected IN (0, 1)",
                      "check images visibility IN ('private', 'public', 'shared', 'community')"]
        }
        return facts.sorted()
    }
}
