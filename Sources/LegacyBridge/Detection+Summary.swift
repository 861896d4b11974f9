import GlanceRevisions
import MigrationEngine

extension Detection {
    /// One line that tells the truth about the history, for `db version` on anything but a plain Alembic
    /// database (which keeps Glance's output: one head per line).
    public var summary: String {
        switch kind {
        case .empty:
            return "Database is either not under migration control or under legacy migration control, please run \"glance-manage db sync\" to place the database under alembic migration control."
        case .alembic, .alembicWithLegacyLeftover:
            var text = alembicRows.map { row in
                StampingMap.todaysID(ofPreQueens: row).map { "\(row) (pre-Queens id, today \($0))" } ?? row
            }.joined(separator: ", ")
            if kind == .alembicWithLegacyLeftover, let legacyVersion {
                text += " (also a leftover migrate_version row at legacy version \(legacyVersion), ignored)"
            }
            return text
        case .legacy:
            let version = legacyVersion ?? 0
            if version == 0 {
                return "Legacy version 0 under sqlalchemy-migrate, but Glance tables exist; \"glance-manage db sync\" will identify the schema before stamping"
            }
            guard let revision = StampingMap.revisionForLegacyVersion[version] else {
                // What `Bridge.plan` does with it: carry it through our legacy scripts to 42, then stamp.
                return "Legacy version \(version) (\(StampingMap.release(ofLegacyVersion: version))) under "
                    + "sqlalchemy-migrate, older than Liberty (42), not under Alembic control; "
                    + "\"glance-manage db sync\" will run legacy scripts \(LegacyMigrator.range(from: version, to: Bridge.carry(from: version).target)) "
                    + "(in one transaction where DDL is transactional, else one committed step per script), "
                    + "verify the result is legacy version 42, stamp it liberty and upgrade (it changes nothing if a "
                    + "script's data cannot be carried safely)"
            }
            let target = (try? GlanceRevisions.map.resolve(revision).joined(separator: ", ")) ?? revision
            let maps = target == revision ? revision : "\(revision) = \(target)"
            return "Legacy version \(version) (\(StampingMap.release(ofLegacyVersion: version))) under sqlalchemy-migrate, not under Alembic control; it maps to \(maps), and \"glance-manage db sync\" will verify the schema, stamp it and upgrade"
        case .unversioned where hasAlembicTable:
            return "Glance tables beside an empty alembic_version table; \"glance-manage db sync\" will resume "
                + "the first revision if a killed run left it half-way, otherwise identify the schema by fingerprint "
                + "before stamping"
        case .unversioned:
            return "Glance tables without any version table; \"glance-manage db sync\" will identify the schema by fingerprint before stamping"
        }
    }
}
