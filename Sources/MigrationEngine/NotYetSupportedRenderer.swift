import DatabaseCore

/// Stands in until the MySQL renderer lands (branch issue-13b-mysql-renderer): every operation fails with one
/// clear line. The catalog answers are what MySQLDatabase's introspection reports, so the simulator is right
/// about MySQL spellings already.
struct NotYetSupportedRenderer: SQLRenderer {
    let dialect: Dialect

    func statements(for operation: Operation, tableShape: (String) throws -> TableSchema?) throws -> [String] {
        throw RenderError.notYetSupported(dialect)
    }

    /// tinyint(1) is BOOLEAN, int(11) INTEGER, decimal(10,0) NUMERIC(10,0), enums inline.
    func introspectedType(_ type: ColumnType) -> String {
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

    func implicitChecks(of table: Table) -> [String] { [] }

    /// MySQL names an unnamed unique key after its first column.
    func implicitUniqueName(table: String, columns: [String]) -> String? { columns.first }

    var alterationRebuildsTable: Bool { false }
}
