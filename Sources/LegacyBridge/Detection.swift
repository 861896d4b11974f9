import DatabaseCore
import GlanceRevisions
import MigrationEngine

/// What version history a database has, read without writing anything.
public struct Detection: Equatable, Sendable {
    /// Rows of `alembic_version` as stored (pre-Queens ids included); empty when absent.
    public let alembicRows: [String]
    /// Whether the `alembic_version` table exists at all.
    public let hasAlembicTable: Bool
    /// Glance's `migrate_version` version, nil when the table does not exist.
    public let legacyVersion: Int?
    /// Tables other than the version tables.
    public let glanceTables: [String]

    public enum Kind: String, Sendable {
        /// Nothing yet (possibly a `migrate_version` row at 0 left by Ocata–Wallaby's probing).
        case empty
        /// Under Alembic only.
        case alembic
        /// Under Alembic, with a `migrate_version` row left behind by the Ocata–Wallaby hand-off.
        case alembicWithLegacyLeftover = "alembic+legacy-leftover"
        /// Under sqlalchemy-migrate only: needs the bridge.
        case legacy
        /// Glance tables without any version table.
        case unversioned
    }

    public var kind: Kind {
        if !alembicRows.isEmpty { return legacyVersion == nil ? .alembic : .alembicWithLegacyLeftover }
        if let legacyVersion, legacyVersion > 0 || !glanceTables.isEmpty { return .legacy }
        return glanceTables.isEmpty ? .empty : .unversioned
    }

    /// Pre-Queens ids (`ocata01`, `pike01`) among the rows, with their modern meaning.
    public var preQueensRows: [(String, String)] {
        alembicRows.compactMap { row in StampingMap.todaysID(ofPreQueens: row).map { (row, $0) } }
    }

    /// The rows with pre-Queens ids replaced by their modern ids: the heads to reason with.
    public var effectiveHeads: [String] {
        alembicRows.map { StampingMap.todaysID(ofPreQueens: $0) ?? $0 }
    }

    /// Reads the version tables and the table list. Never writes.
    /// - Throws: `BridgeError` for a corrupt `migrate_version`; alembic rows are checked by the migrator.
    public static func read(_ database: any Database) throws -> Detection {
        let tables = try database.tableNames()
        let hasAlembic = tables.contains("alembic_version")
        let rows = hasAlembic ? try VersionTable().rows(in: database) : []
        // Under Alembic, a migrate_version kept for another project's rows (the bridge removed only Glance's)
        // says nothing about Glance.
        let legacy = tables.contains(LegacyVersionTable.name)
            ? try LegacyVersionTable.version(in: database, noGlanceRowMeansNone: !rows.isEmpty) : nil
        return Detection(alembicRows: rows, hasAlembicTable: hasAlembic, legacyVersion: legacy,
                         glanceTables: tables.filter { !KnownSchemas.versionTableNames.contains($0) })
    }

    /// An empty database that does not exist yet.
    public static let absent = Detection(alembicRows: [], hasAlembicTable: false, legacyVersion: nil, glanceTables: [])
}
