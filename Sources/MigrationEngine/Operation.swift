/// A schema or data change as a value. Renderers turn operations into SQL per dialect; scripts never
/// write dialect-specific DDL themselves except through `.sql` inside `Revision.Upgrade.perDialect`.
public enum Operation: Sendable, Hashable {
    case createEnum(EnumType)
    case dropEnum(EnumType)
    case createTable(Table)
    case dropTable(String)
    case addColumn(table: String, Column)
    case createIndex(Index)
    case dropIndex(name: String, table: String)
    /// Changes SQLite cannot make with ALTER TABLE; on SQLite they rebuild the table once, as Alembic's
    /// batch mode does ("move and copy"), on PostgreSQL each becomes an ALTER TABLE.
    case alterTable(String, [TableAlteration])
    /// sqlalchemy-migrate's table change: like `alterTable`, but a SQLite rebuild carries every CHECK
    /// constraint over (less those on dropped columns) instead of dropping them as Alembic's batch mode does.
    /// Glance's legacy scripts and their `*_sqlite_upgrade.sql` overrides rebuilt tables this way.
    case recreateTable(String, [TableAlteration])
    /// `ALTER TABLE … RENAME COLUMN` (SQLite 3.25+, PostgreSQL, MySQL 8 / MariaDB 10.5): indexes and
    /// constraints follow the column.
    case renameColumn(table: String, from: String, to: String)
    /// Renames an index; where the dialect cannot, the renderer drops and recreates it.
    case renameIndex(table: String, from: String, to: String)
    /// A trigger, created by dialect-specific statements (on PostgreSQL its function first). The name and
    /// table are what introspection reports, so the simulated schema can follow it.
    case createTrigger(Trigger)
    /// `DROP TRIGGER IF EXISTS`: whether a trigger exists can depend on how the revision that creates it
    /// was run (see `UpgradeOptions.online`), so dropping one is idempotent.
    case dropTrigger(name: String, table: String)
    /// Statements run as written (data updates, trigger functions). Parameterless and dialect-neutral
    /// unless placed in `perDialect`. Must be idempotent: where DDL is not transactional, a revision a killed
    /// run left half-way is resumed from the schema, which cannot say whether such a statement ran, so it
    /// runs again (Migrator+Resume.swift).
    case sql(String)
}

/// A trigger as a value: its name and table, and the statements that create it on one dialect.
///
/// ```swift
/// Trigger("touch_images", on: "images", statements: [
///     "CREATE TRIGGER touch_images AFTER UPDATE ON images FOR EACH ROW BEGIN SELECT 1; END",
/// ])
/// ```
public struct Trigger: Sendable, Hashable {
    public let name: String
    public let table: String
    /// Complete statements, run in order. Trigger bodies are dialect-specific, so a trigger belongs in
    /// `Revision.Upgrade.perDialect`.
    public let statements: [String]

    public init(_ name: String, on table: String, statements: [String]) {
        self.name = name
        self.table = table
        self.statements = statements
    }
}

public enum TableAlteration: Sendable, Hashable {
    case dropColumn(String)
    case dropIndex(String)
    /// `nullable` nil keeps nullability; `defaultValue` `.keep` leaves the server default alone.
    case alterColumn(String, nullable: Bool?, defaultValue: DefaultChange, type: ColumnType)
    /// Changes a column's type (`ALTER COLUMN … TYPE` on PostgreSQL; values convert as an assignment cast).
    case changeType(String, ColumnType)
    case addUniqueConstraint(UniqueConstraint)
    /// Drops the unique constraint on exactly these columns, whatever its name: the legacy scripts looked
    /// names up by reflection, and PostgreSQL's generated names can be truncated.
    case dropUniqueConstraint(columns: [String])
    case addForeignKey(ForeignKey)
    /// Drops the foreign key on these columns; on PostgreSQL by its name, or the name PostgreSQL generates.
    case dropForeignKey(ForeignKey)
    /// A table CHECK constraint; `expression` in the spelling introspection reports (`deleted IN (0, 1)`).
    case addCheck(String, name: String?)
    /// An index built as part of the table's change: where that change copies the rows anyway, the index
    /// comes with the copy instead of a scan of its own (a fused step folds its `createIndex` in here,
    /// Migrator+Fusion.swift).
    case addIndex(Index)
}

public enum DefaultChange: Sendable, Hashable {
    case keep
    case drop
    case set(String)
}

/// Column types as Glance's models declare them; the renderer maps them per dialect.
public indirect enum ColumnType: Sendable, Hashable {
    case varchar(Int)
    case text
    case integer
    case bigint
    /// `BigInteger().with_variant(Integer, "sqlite")`: BIGINT on PostgreSQL, INTEGER on SQLite.
    case bigintSQLiteInteger
    case boolean
    case datetime
    case numeric
    /// Raw bytes (SQLAlchemy's LargeBinary/PickleType): BLOB on SQLite, BYTEA on PostgreSQL.
    case binary
    case enumeration(EnumType)
}

public struct EnumType: Sendable, Hashable {
    public let name: String
    public let values: [String]
    public init(_ name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

public struct Column: Sendable, Hashable {
    public let name: String
    public let type: ColumnType
    public let isNullable: Bool
    /// Server default as a SQL literal in the neutral spelling: `'shared'`, `false`, `0`.
    public let serverDefault: String?
    /// SQLAlchemy's `Boolean(create_constraint=True)`: on SQLite, a table-level `CHECK (col IN (0, 1))`
    /// when the column is part of CREATE TABLE. Added columns never carry it (Alembic omits it).
    public let createsCheck: Bool

    public init(_ name: String, _ type: ColumnType, nullable: Bool = true, default serverDefault: String? = nil) {
        self.name = name
        self.type = type
        self.isNullable = nullable
        self.serverDefault = serverDefault
        if case .boolean = type { createsCheck = true } else { createsCheck = false }
    }
}

public struct ForeignKey: Sendable, Hashable {
    /// Nil lets the database name it (PostgreSQL: `<table>_<columns>_fkey`).
    public let name: String?
    public let columns: [String]
    public let referencedTable: String
    public let referencedColumns: [String]
    public init(_ columns: [String], references table: String, _ referencedColumns: [String], name: String? = nil) {
        self.name = name
        self.columns = columns
        self.referencedTable = table
        self.referencedColumns = referencedColumns
    }
}

public struct UniqueConstraint: Sendable, Hashable {
    public let name: String?
    public let columns: [String]
    public init(_ name: String?, _ columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

public struct Table: Sendable, Hashable {
    public let name: String
    public let columns: [Column]
    public let primaryKey: [String]
    public let foreignKeys: [ForeignKey]
    public let uniqueConstraints: [UniqueConstraint]
    /// Whether a single integer primary key auto-increments (SERIAL/BIGSERIAL on PostgreSQL).
    public let autoincrement: Bool

    public init(_ name: String, columns: [Column], primaryKey: [String], foreignKeys: [ForeignKey] = [],
                uniqueConstraints: [UniqueConstraint] = [], autoincrement: Bool = true) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.uniqueConstraints = uniqueConstraints
        self.autoincrement = autoincrement
    }
}

public struct Index: Sendable, Hashable {
    public let name: String
    public let table: String
    public let columns: [String]
    public let isUnique: Bool
    public init(_ name: String, on table: String, _ columns: [String], unique: Bool = false) {
        self.name = name
        self.table = table
        self.columns = columns
        self.isUnique = unique
    }
}
