import DatabaseCore
import MigrationEngine

/// One sqlalchemy-migrate version of Glance's legacy repository
/// (`glance/db/sqlalchemy/migrate_repo/versions/NNN_*.py` and its `*_<dialect>_upgrade.sql` overrides).
///
/// Schema changes are typed `Operation`s like the Alembic revisions', so the schema of every legacy version
/// can be simulated offline; SQLite table rebuilds are `recreateTable`, which keeps CHECKs as Glance's
/// overrides and sqlalchemy-migrate did. Raw `.sql` is for data only. Steps that need code carry a
/// `precondition` (checked for every pending version before anything is changed) and a `data` step that
/// runs after the operations.
public struct LegacyScript: Sendable {
    public let version: Int
    /// The file name's description, e.g. `add_images_table`.
    public let name: String
    public let upgrade: Revision.Upgrade
    /// Returns a refusal message when the step cannot be performed safely on this database.
    public let precondition: (@Sendable (any Database) throws -> String?)?
    public let data: (@Sendable (any Database) throws -> Void)?
    /// The Alembic revision argument a database at this version is stamped at (Glance's Ocata–Wallaby
    /// `place_database_under_alembic_control`), nil for versions Alembic has no state for.
    public let alembicRevision: String?
    /// Why this step leaves a table, on a dialect, different from what the Alembic chain builds. The facts
    /// themselves are computed (`KnownSchemas.legacyDifferences`); only the reason is kept here.
    public let residue: PerDialect<[Residue]>
    /// Rows read before the operations and written after them (029's pickles).
    public let carry: LegacyDataCarry?

    public init(_ version: Int, _ name: String, _ upgrade: Revision.Upgrade = .none,
                precondition: (@Sendable (any Database) throws -> String?)? = nil,
                data: (@Sendable (any Database) throws -> Void)? = nil, carry: LegacyDataCarry? = nil,
                alembicRevision: String? = nil, residue: PerDialect<[Residue]> = PerDialect(all: [])) {
        self.version = version
        self.name = name
        self.upgrade = upgrade
        self.precondition = precondition
        self.data = data
        self.alembicRevision = alembicRevision
        self.residue = residue
        self.carry = carry
    }

    /// `045_add_visibility`.
    public var fileName: String {
        version.zeroPadded(3) + "_" + name
    }
}

/// The reason a legacy step leaves `table` different from its Alembic counterpart, e.g. a constraint an
/// override never dropped. Each computed difference on the table is explained by the latest such note.
public struct Residue: Sendable, Hashable {
    public let table: String
    public let because: String

    public init(_ table: String, because: String) {
        self.table = table
        self.because = because
    }
}

/// Glance's legacy repository as data.
public enum LegacyScripts {
    public static let latest = 45

    public static let all: [LegacyScript] = [
        v001, v002, v003, v004, v005, v006, v007, v008, v009, v010,
        v011, v012, v013, v014, v015, v016, v017, v018, v019, v020,
        v021, v022, v023, v024, v025, v026, v027, v028, v029, v030,
        v031, v032, v033, v034, v035, v036, v037, v038, v039, v040,
        v041, v042, v043, v044, v045,
    ]

    public static func script(_ version: Int) -> LegacyScript? {
        all.first { $0.version == version }
    }

    /// The schema Glance's scripts leave at `version` (from an empty database under version control),
    /// simulated from the scripts' operations as `SchemaSimulator` does for Alembic revisions; nil for a
    /// version the repository does not have. The version table is not part of it.
    public static func schema(at version: Int, dialect: Dialect, scripts: [LegacyScript] = all) -> Schema? {
        guard version == 0 || scripts.contains(where: { $0.version == version }) else { return nil }
        let simulator = SchemaSimulator(dialect: dialect)
        var schema = Schema()
        for script in scripts where script.version <= version {
            for operation in script.upgrade.operations(for: dialect) { simulator.apply(operation, to: &schema) }
        }
        return schema
    }
}

// MARK: - Helpers shared by the scripts

/// The timestamp and soft-delete columns every legacy image table carries.
func legacyTimestamps() -> [Column] {
    [Column("created_at", .datetime, nullable: false), Column("updated_at", .datetime),
     Column("deleted_at", .datetime), Column("deleted", .boolean, nullable: false)]
}

/// Whether a column exists now. Preconditions of later scripts are checked before earlier ones run, when
/// the table may not exist yet; then our own scripts create it empty and there is nothing to refuse.
func columnExists(_ database: any Database, _ table: String, _ column: String) throws -> Bool {
    try database.introspectTable(table)?.column(column) != nil
}
