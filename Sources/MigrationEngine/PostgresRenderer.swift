import DatabaseCore

/// PostgreSQL rendering, as SQLAlchemy emits it for Glance: enums are named types, single integer primary
/// keys are SERIAL/BIGSERIAL, DATETIME is `TIMESTAMP WITHOUT TIME ZONE`, and every alteration is a plain
/// ALTER TABLE (no rebuild).
public struct PostgresRenderer: SQLRenderer {
    public let dialect = Dialect.postgresql
    public init() {}

    public func statements(for operation: Operation, tableShape: (String) throws -> TableSchema?) throws -> [String] {
        switch operation {
        case .createEnum(let e):
            return ["CREATE TYPE \(q(e.name)) AS ENUM (\(e.values.map(dialect.literal).joined(separator: ", ")))"]
        case .dropEnum(let e):
            return ["DROP TYPE \(q(e.name))"]
        case .createTable(let table):
            let serial = table.autoincrement && table.primaryKey.count == 1 ? table.primaryKey.first : nil
            return [createTable(table, columnSQL: { columnSQL($0, serial: $0.name == serial) }, checks: [])]
        case .dropTable(let name):
            return ["DROP TABLE \(q(name))"]
        case .addColumn(let table, let column):
            return ["ALTER TABLE \(q(table)) ADD COLUMN \(columnSQL(column, serial: false))"]
        case .createIndex(let index):
            return [createIndex(index)]
        case .dropIndex(let name, _):
            return ["DROP INDEX \(q(name))"]
        case .alterTable(let table, let alterations), .recreateTable(let table, let alterations):
            return try alterations.flatMap { try statements(for: $0, of: table, tableShape: tableShape) }
        case .renameColumn(let table, let from, let to):
            return ["ALTER TABLE \(q(table)) RENAME COLUMN \(q(from)) TO \(q(to))"]
        case .renameIndex(_, let from, let to):
            return ["ALTER INDEX \(q(from)) RENAME TO \(q(to))"]
        case .createTrigger(let trigger):
            return trigger.statements
        case .dropTrigger(let name, let table):
            return ["DROP TRIGGER IF EXISTS \(q(name)) ON \(q(table))"]
        case .sql(let text):
            return [text]
        }
    }

    /// One ALTER TABLE per alteration; PostgreSQL needs no rebuild, so CHECKs stay wherever they are.
    func statements(for alteration: TableAlteration, of table: String,
                    tableShape: (String) throws -> TableSchema?) throws -> [String] {
        let alter = "ALTER TABLE \(q(table)) "
        switch alteration {
        case .dropColumn(let column):
            return [alter + "DROP COLUMN \(q(column))"]
        case .dropIndex(let name):
            return ["DROP INDEX \(q(name))"]
        case .alterColumn(let column, let nullable, let defaultChange, _):
            var parts: [String] = []
            if let nullable { parts.append("ALTER COLUMN \(q(column)) \(nullable ? "DROP" : "SET") NOT NULL") }
            switch defaultChange {
            case .keep: break
            case .drop: parts.append("ALTER COLUMN \(q(column)) DROP DEFAULT")
            case .set(let value): parts.append("ALTER COLUMN \(q(column)) SET DEFAULT \(value)")
            }
            return parts.isEmpty ? [] : [alter + parts.joined(separator: ", ")]
        case .changeType(let column, let type):
            return [alter + "ALTER COLUMN \(q(column)) TYPE \(typeSQL(type))"]
        case .addUniqueConstraint(let unique):
            return [alter + "ADD " + uniqueSQL(unique)]
        case .dropUniqueConstraint(let columns):
            // The name is whatever PostgreSQL gave the constraint, read from the live table.
            let existing = try tableShape(table)?.uniqueConstraints.first { $0.columns == columns }
            guard let name = existing?.name else {
                throw RenderError.missingConstraint(table: table, columns: columns)
            }
            return [alter + "DROP CONSTRAINT \(q(name))"]
        case .addForeignKey(let foreignKey):
            return [alter + "ADD " + foreignKeySQL(foreignKey)]
        case .dropForeignKey(let foreignKey):
            let name = foreignKey.name ?? "\(table)_\(foreignKey.columns.joined(separator: "_"))_fkey"
            return [alter + "DROP CONSTRAINT \(q(name))"]
        case .addCheck(let expression, let name):
            return [alter + "ADD " + checkSQL(expression, name: name)]
        case .addIndex(let index):
            return [createIndex(index)]
        }
    }

    public func introspectedType(_ type: ColumnType) -> String {
        switch type {
        case .datetime: return "DATETIME"
        case .enumeration(let e): return "ENUM(\(e.name))"
        default: return typeSQL(type)
        }
    }

    public func implicitChecks(of table: Table) -> [String] { [] }

    /// PostgreSQL's own naming: `<table>_<col>_<col>_key`.
    public func implicitUniqueName(table: String, columns: [String]) -> String? {
        "\(table)_\(columns.joined(separator: "_"))_key"
    }

    public var alterationRebuildsTable: Bool { false }

    public var keepsUniqueOnPrimaryKey: Bool { false }

    public func typeSQL(_ type: ColumnType) -> String {
        switch type {
        case .varchar(let n): return "VARCHAR(\(n))"
        case .text: return "TEXT"
        case .integer: return "INTEGER"
        case .bigint, .bigintSQLiteInteger: return "BIGINT"
        case .boolean: return "BOOLEAN"
        case .datetime: return "TIMESTAMP WITHOUT TIME ZONE"
        case .numeric: return "NUMERIC"
        case .binary: return "BYTEA"
        case .enumeration(let e): return q(e.name)
        }
    }

    func columnSQL(_ column: Column, serial: Bool) -> String {
        var typeText = typeSQL(column.type)
        if serial {
            switch column.type {
            case .integer: typeText = "SERIAL"
            case .bigint, .bigintSQLiteInteger: typeText = "BIGSERIAL"
            default: break
            }
        }
        var sql = "\(q(column.name)) \(typeText)"
        if let d = column.serverDefault { sql += " DEFAULT \(d)" }
        if !column.isNullable { sql += " NOT NULL" }
        return sql
    }
}
