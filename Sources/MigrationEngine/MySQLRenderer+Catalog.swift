import DatabaseCore

/// What MariaDB leaves in its catalog when the rendered SQL runs, as introspection reads it back: the facts
/// the `SchemaSimulator` needs to predict a MySQL schema without a server. Each one is checked against the
/// real server after every revision by the walk tests, and against Glance's own dumps by the head tests.
extension MySQLRenderer {
    /// A column type as the MySQL driver's introspection spells it: MariaDB's `tinyint(1)` (what `BOOL`
    /// becomes) is `BOOLEAN`, `int(11)` is `INTEGER`, `NUMERIC` keeps MariaDB's default precision, enums
    /// are inline.
    public func introspectedType(_ type: ColumnType) -> String {
        switch type {
        case .varchar(let n): return "VARCHAR(\(n))"
        case .text: return "TEXT"
        case .integer: return "INTEGER"
        case .bigint, .bigintSQLiteInteger: return "BIGINT"
        case .boolean: return "BOOLEAN"
        case .datetime: return "DATETIME"
        case .numeric: return "NUMERIC(10,0)"
        case .binary: return "BLOB"
        case .enumeration(let e): return "ENUM(" + e.values.map(dialect.literal).joined(separator: ",") + ")"
        }
    }

    /// The spelling MariaDB stores, in `information_schema.COLUMNS.COLUMN_TYPE` and in its dumps.
    public func storedType(_ type: ColumnType) -> String {
        switch type {
        case .integer: return "int(11)"
        case .bigint, .bigintSQLiteInteger: return "bigint(20)"
        case .boolean: return "tinyint(1)"
        case .numeric: return "decimal(10,0)"
        default: return introspectedType(type).lowercased()
        }
    }

    /// SQLAlchemy's Boolean CHECKs as MariaDB stores their clause (`` `deleted` in (0,1) ``). MariaDB names
    /// them `CONSTRAINT_<n>` by their place in CREATE TABLE (`checkName`); the numbers stay when an earlier
    /// CHECK goes (Glance's head keeps `images.CONSTRAINT_2` and `_3`).
    public func implicitChecks(of table: Table) -> [String] {
        table.columns.filter(\.createsCheck).map { "`\($0.name)` in (0,1)" }
    }

    /// MariaDB's name for the `ordinal`-th (from 1) unnamed CHECK of a CREATE TABLE.
    public func checkName(ordinal: Int) -> String {
        "CONSTRAINT_\(ordinal)"
    }

    /// MySQL names an unnamed UNIQUE key after its first column (legacy 035's `namespace`, `name`…).
    public func implicitUniqueName(table: String, columns: [String]) -> String? {
        columns.first
    }

    /// MySQL alters columns in place: no rebuild, CHECKs and triggers stay.
    public var alterationRebuildsTable: Bool { false }

    /// InnoDB rebuilds the table (copies every row) to change a column's nullability or type: MariaDB does
    /// a nullability change in place only for `ROW_FORMAT=REDUNDANT`, and its default (Glance's tables) is
    /// DYNAMIC. Measured: `MODIFY is_public BOOL NULL` takes 0.8 s for 100k images (BENCHMARKS.md). A
    /// default alone changes instantly, as do added and dropped columns.
    public func alterationCopiesRows(_ alteration: TableAlteration) -> Bool {
        switch alteration {
        case .alterColumn(_, let nullable, _, _): return nullable != nil
        case .changeType: return true
        default: return false
        }
    }

    /// InnoDB keeps a UNIQUE key on the primary key's columns as an index of its own.
    public var keepsUniqueOnPrimaryKey: Bool { true }

    /// InnoDB's name for the `ordinal`-th (from 1) unnamed foreign key of `table`: `images_ibfk_1`.
    public func foreignKeyName(table: String, ordinal: Int) -> String {
        "\(table)_ibfk_\(ordinal)"
    }
}
