/// A dialect-neutral description of a database schema: what introspection returns and what
/// fingerprints and diffs are computed from. Every collection is kept sorted so that two schemas
/// built in different orders compare equal.
public struct Schema: Hashable, Sendable {
    public var tables: [TableSchema]
    public var enumTypes: [EnumTypeSchema]
    public var triggers: [TriggerSchema]
    /// View names. Glance creates none, so any view is a difference the bridge must see (a view over a
    /// column that a later revision drops makes that revision fail half-way through a run).
    public var views: [String]

    public init(tables: [TableSchema] = [], enumTypes: [EnumTypeSchema] = [], triggers: [TriggerSchema] = [],
                views: [String] = []) {
        self.tables = tables.sorted { $0.name < $1.name }
        self.enumTypes = enumTypes.sorted { $0.name < $1.name }
        self.triggers = triggers.sorted { $0.name < $1.name }
        self.views = views.sorted()
    }

    public func table(_ name: String) -> TableSchema? { tables.first { $0.name == name } }

    public var tableNames: [String] { tables.map(\.name) }

    /// The same schema without the named tables (for example the version tables).
    public func excluding(tables names: Set<String>) -> Schema {
        Schema(tables: tables.filter { !names.contains($0.name) }, enumTypes: enumTypes,
               triggers: triggers.filter { !names.contains($0.table) }, views: views)
    }
}

public struct TableSchema: Hashable, Sendable {
    public var name: String
    /// Columns in declaration order (the order matters for a SQLite rebuild, not for comparison).
    public var columns: [ColumnSchema]
    public var primaryKey: [String]
    public var indexes: [IndexSchema]
    public var uniqueConstraints: [UniqueConstraintSchema]
    public var foreignKeys: [ForeignKeySchema]
    public var checks: [String]
    /// Names of CHECK constraints, by name, where the dialect keeps them apart from the expression
    /// (MySQL: `CONSTRAINT_1` for an unnamed one). Empty on SQLite and PostgreSQL.
    public var checkNames: [String: String]
    /// Storage options where the dialect has them per table (MySQL); nil elsewhere.
    public var options: TableOptions?

    public init(name: String, columns: [ColumnSchema], primaryKey: [String], indexes: [IndexSchema] = [],
                uniqueConstraints: [UniqueConstraintSchema] = [], foreignKeys: [ForeignKeySchema] = [],
                checks: [String] = [], checkNames: [String: String] = [:], options: TableOptions? = nil) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.indexes = indexes.sorted { ($0.name, $0.columns.joined(separator: ",")) < ($1.name, $1.columns.joined(separator: ",")) }
        self.uniqueConstraints = uniqueConstraints.sorted { $0.sortKey < $1.sortKey }
        self.foreignKeys = foreignKeys.sorted { $0.sortKey < $1.sortKey }
        self.checks = checks.sorted()
        self.checkNames = checkNames
        self.options = options
    }

    public func column(_ name: String) -> ColumnSchema? { columns.first { $0.name == name } }

    public func hasIndex(named name: String) -> Bool {
        indexes.contains { $0.name == name } || uniqueConstraints.contains { $0.name == name }
    }
}

public struct ColumnSchema: Hashable, Sendable {
    public var name: String
    /// Normalised type: `VARCHAR(36)`, `TEXT`, `INTEGER`, `BIGINT`, `BOOLEAN`, `DATETIME`, `NUMERIC`,
    /// `ENUM(image_visibility)`…; the declared text on SQLite, mapped from the catalog on PostgreSQL.
    public var type: String
    public var isNullable: Bool
    /// The server default as normalised text (`'shared'`, `0`, `false` becomes `0`), or nil.
    public var defaultValue: String?
    /// The column's collation where the dialect keeps one per column (MySQL: `utf8mb3_general_ci` on every
    /// character column); nil elsewhere and on non-character columns.
    public var collation: String?
    /// MySQL's `AUTO_INCREMENT`; always false on SQLite and PostgreSQL, whose introspection leaves the
    /// equivalent (a serial's `nextval` default) out.
    public var isAutoIncrement: Bool

    public init(name: String, type: String, isNullable: Bool, defaultValue: String? = nil, collation: String? = nil,
                isAutoIncrement: Bool = false) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.defaultValue = defaultValue
        self.collation = collation
        self.isAutoIncrement = isAutoIncrement
    }
}

/// A MySQL table's storage options: `ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci`.
public struct TableOptions: Hashable, Sendable {
    public var engine: String
    public var charset: String
    public var collation: String
    /// `Dynamic`, `Compact`…; nil when the server does not say.
    public var rowFormat: String?

    public init(engine: String, charset: String, collation: String, rowFormat: String? = nil) {
        self.engine = engine
        self.charset = charset
        self.collation = collation
        self.rowFormat = rowFormat
    }
}

public struct IndexSchema: Hashable, Sendable {
    public var name: String
    public var columns: [String]
    public var isUnique: Bool

    public init(name: String, columns: [String], isUnique: Bool) {
        self.name = name
        self.columns = columns
        self.isUnique = isUnique
    }
}

public struct UniqueConstraintSchema: Hashable, Sendable {
    /// Nil where the constraint has no name (SQLite's `UNIQUE (a, b)` without `CONSTRAINT x`).
    public var name: String?
    public var columns: [String]

    public init(name: String?, columns: [String]) {
        self.name = name
        self.columns = columns
    }

    var sortKey: String { (name ?? "") + "|" + columns.joined(separator: ",") }
}

public struct ForeignKeySchema: Hashable, Sendable {
    public var columns: [String]
    public var referencedTable: String
    public var referencedColumns: [String]
    /// The constraint name where introspection reports it (MySQL: `images_ibfk_1`, which scripts drop by
    /// name); nil on SQLite and PostgreSQL.
    public var name: String?
    /// `CASCADE`, `SET NULL`…; nil for the default (`NO ACTION`, MySQL's `RESTRICT`) and where not reported.
    public var onUpdate: String?
    public var onDelete: String?

    public init(columns: [String], referencedTable: String, referencedColumns: [String], name: String? = nil,
                onUpdate: String? = nil, onDelete: String? = nil) {
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.name = name
        self.onUpdate = onUpdate
        self.onDelete = onDelete
    }

    var sortKey: String {
        columns.joined(separator: ",") + "->" + referencedTable + "(" + referencedColumns.joined(separator: ",") + ")"
            + (name.map { " " + $0 } ?? "")
    }
}

public struct EnumTypeSchema: Hashable, Sendable {
    public var name: String
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

public struct TriggerSchema: Hashable, Sendable {
    public var name: String
    public var table: String
    /// When it fires, `BEFORE INSERT`, where introspection reports it (MySQL); nil elsewhere.
    public var timing: String?

    public init(name: String, table: String, timing: String? = nil) {
        self.name = name
        self.table = table
        self.timing = timing
    }
}
