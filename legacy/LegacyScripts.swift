import DatabaseCore
import MigrationEngine

/// One sqlalchemy-migrate version of Glance's legacy repository
/// (`glance/db/sqlalchemy/migrate_repo/versions/NNN_*.py` and its `*_<dialect>_upgrade.sql` overrides).
///
/// Schema changes are `Operation`s like the Alembic revisions'; SQLite table rebuilds are written out as the
/// SQL Glance's overrides and sqlalchemy-migrate produced, so that the constraints they leave behind match
/// real legacy databases. Steps that need code carry a `precondition` (checked for every pending version
/// before anything is changed) and a `data` step that runs after the operations.
public struct LegacyScript: Sendable {
    public let version: Int
    /// The file name's description, e.g. `add_images_table`.
    public let name: String
    public let upgrade: Revision.Upgrade
    /// Returns a refusal message when the step cannot be performed safely on this database.
    public let precondition: (@Sendable (any Database) throws -> String?)?
    public let data: (@Sendable (any Database) throws -> Void)?

    public init(_ version: Int, _ name: String, _ upgrade: Revision.Upgrade = .none,
                precondition: (@Sendable (any Database) throws -> String?)? = nil,
                data: (@Sendable (any Database) throws -> Void)? = nil) {
        self.version = version
        self.name = name
        self.upgrade = upgrade
        self.precondition = precondition
        self.data = data
    }

    /// `045_add_visibility`.
    public var fileName: String {
        version.zeroPadded(3) + "_" + name
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
}

// MARK: - Helpers shared by the scripts

/// The timestamp and soft-delete columns every legacy image table carries.
func legacyTimestamps() -> [Column] {
    [Column("created_at", .datetime, nullable: false), Column("updated_at", .datetime),
     Column("deleted_at", .datetime), Column("deleted", .boolean, nullable: false)]
}

/// SQLite's rebuild procedure with an explicit target definition: create `<table>_new`, copy, drop,
/// rename, create the indexes. Used where Glance's SQL overrides (or sqlalchemy-migrate's reflection)
/// decided the exact constraints.
func sqliteRebuild(_ table: String, create body: String, columns: [String], select: [String]? = nil,
                   indexes: [String] = []) -> [Operation] {
    let temporary = table + "_migrate_new"
    let target = columns.joined(separator: ", ")
    let source = (select ?? columns).joined(separator: ", ")
    return [
        .sql("CREATE TABLE \(temporary) (\n\t\(body)\n)"),
        .sql("INSERT INTO \(temporary) (\(target)) SELECT \(source) FROM \(table)"),
        .sql("DROP TABLE \(table)"),
        .sql("ALTER TABLE \(temporary) RENAME TO \(table)"),
    ] + indexes.map { Operation.sql($0) }
}

/// Drops every UNIQUE constraint of a PostgreSQL table, whatever name PostgreSQL gave it (the legacy
/// scripts looked the names up through reflection; unnamed constraints get generated, sometimes
/// truncated, names).
func postgresDropUniqueConstraints(_ table: String) -> Operation {
    .sql("""
        DO $$ DECLARE r record; BEGIN
          FOR r IN SELECT conname FROM pg_constraint WHERE conrelid = '\(table)'::regclass AND contype = 'u' LOOP
            EXECUTE format('ALTER TABLE \(table) DROP CONSTRAINT %I', r.conname);
          END LOOP;
        END $$
        """)
}

/// Whether a column exists now. Preconditions of later scripts are checked before earlier ones run, when
/// the table may not exist yet; then our own scripts create it empty and there is nothing to refuse.
func columnExists(_ database: any Database, _ table: String, _ column: String) throws -> Bool {
    try database.introspectTable(table)?.column(column) != nil
}
