import DatabaseCore

/// MySQL and MariaDB rendering, as SQLAlchemy and Alembic emit it for Glance: every table InnoDB with the
/// `utf8` charset Glance declares (`mysql_engine='InnoDB', mysql_charset='utf8'`), Boolean as `BOOL` with
/// SQLAlchemy's `CHECK (col IN (0, 1))`, the visibility enum inline as `ENUM(…)`, single integer primary keys
/// `AUTO_INCREMENT`, and alterations as `ALTER TABLE … MODIFY/DROP` (MySQL alters columns in place).
///
/// One difference from Alembic, on purpose: the alterations of one `alterTable` go into a single
/// `ALTER TABLE` statement where Alembic issues one per change. MySQL commits at every DDL statement, so a
/// revision cannot roll back as a whole; one statement is applied entirely or not at all, which keeps a crash
/// between two changes of the same table impossible, and InnoDB copies a table at most once for it.
public struct MySQLRenderer: SQLRenderer {
    public let dialect = Dialect.mysql
    public init() {}

    /// What SQLAlchemy appends to Glance's CREATE TABLE on MySQL.
    public static let tableOptions = "ENGINE=InnoDB CHARSET=utf8"

    public func statements(for operation: Operation, tableShape: (String) throws -> TableSchema?) throws -> [String] {
        switch operation {
        case .createEnum, .dropEnum:
            return [] // MySQL enums are column types, spelled inline (`typeSQL`).
        case .createTable(let table):
            let increment = table.autoincrement && table.primaryKey.count == 1 ? table.primaryKey.first : nil
            let checks = table.columns.filter(\.createsCheck).map { "\(q($0.name)) IN (0, 1)" }
            let create = createTable(table, columnSQL: { columnSQL($0, autoIncrement: $0.name == increment) },
                                     checks: checks)
            return [create + Self.tableOptions]
        case .dropTable(let name):
            return ["DROP TABLE \(q(name))"]
        case .addColumn(let table, let column):
            return ["ALTER TABLE \(q(table)) ADD COLUMN \(columnSQL(column, autoIncrement: false))"]
        case .createIndex(let index):
            return [createIndex(index)]
        case .dropIndex(let name, let table):
            return ["DROP INDEX \(q(name)) ON \(q(table))"]
        case .alterTable(let table, let alterations), .recreateTable(let table, let alterations):
            let clauses = try alterations.map { try clause($0, table: table, tableShape: tableShape) }
            return clauses.isEmpty ? [] : ["ALTER TABLE \(q(table)) " + clauses.joined(separator: ", ")]
        case .renameColumn(let table, let from, let to):
            return ["ALTER TABLE \(q(table)) RENAME COLUMN \(q(from)) TO \(q(to))"] // MariaDB 10.5+
        case .renameIndex(let table, let from, let to):
            return ["ALTER TABLE \(q(table)) RENAME INDEX \(q(from)) TO \(q(to))"]
        case .createTrigger(let trigger):
            return trigger.statements
        case .dropTrigger(let name, _):
            return ["DROP TRIGGER IF EXISTS \(q(name))"]
        case .sql(let text):
            return [text]
        }
    }

    /// SQLAlchemy's MySQL type names (`BOOL` for Boolean; MariaDB stores it as `tinyint(1)`).
    public func typeSQL(_ type: ColumnType) -> String {
        switch type {
        case .varchar(let n): return "VARCHAR(\(n))"
        case .text: return "TEXT"
        case .integer: return "INTEGER"
        case .bigint, .bigintSQLiteInteger: return "BIGINT"
        case .boolean: return "BOOL"
        case .datetime: return "DATETIME"
        case .numeric: return "NUMERIC"
        case .binary: return "BLOB"
        case .enumeration(let e): return "ENUM(" + e.values.map(dialect.literal).joined(separator: ",") + ")"
        }
    }

    /// A column of CREATE TABLE or ADD COLUMN in SQLAlchemy's MySQL order: type, NOT NULL, then either
    /// AUTO_INCREMENT or the server default (`false` stays `false`, which MySQL stores as 0).
    /// SQLAlchemy makes only an integer primary key AUTO_INCREMENT (`images.id` is a VARCHAR).
    func columnSQL(_ column: Column, autoIncrement: Bool) -> String {
        var sql = "\(q(column.name)) \(typeSQL(column.type))"
        if !column.isNullable { sql += " NOT NULL" }
        if autoIncrement && column.type.isInteger {
            sql += " AUTO_INCREMENT"
        } else if let d = column.serverDefault {
            sql += " DEFAULT \(d)"
        }
        return sql
    }

    /// One clause of an `ALTER TABLE`. `MODIFY` restates the whole column (Alembic's MySQL `alter_column`
    /// does the same), so what the alteration keeps, nullability or default, is read from the live table.
    func clause(_ alteration: TableAlteration, table: String,
                tableShape: (String) throws -> TableSchema?) throws -> String {
        func existing(_ column: String) throws -> ColumnSchema {
            guard let shape = try tableShape(table) else { throw RenderError.missingTable(table) }
            guard let found = shape.column(column) else {
                throw RenderError.missingColumn(table: table, column: column)
            }
            return found
        }
        switch alteration {
        case .dropColumn(let column):
            return "DROP COLUMN \(q(column))"
        case .dropIndex(let name):
            return "DROP INDEX \(q(name))"
        case .alterColumn(let column, let nullable, let defaultChange, let type):
            let isNullable = try nullable ?? existing(column).isNullable
            var sql = "MODIFY \(q(column)) \(typeSQL(type)) \(isNullable ? "NULL" : "NOT NULL")"
            switch defaultChange {
            case .drop: break
            case .set(let value): sql += " DEFAULT \(value)"
            case .keep: if let value = try existing(column).defaultValue { sql += " DEFAULT \(value)" }
            }
            return sql
        case .changeType(let column, let type):
            let current = try existing(column)
            return "MODIFY \(q(column)) \(typeSQL(type)) \(current.isNullable ? "NULL" : "NOT NULL")"
                + (current.defaultValue.map { " DEFAULT \($0)" } ?? "")
        case .addUniqueConstraint(let unique):
            return "ADD " + uniqueSQL(unique)
        case .dropUniqueConstraint(let columns):
            // A UNIQUE constraint is a unique index in MySQL, named as the live table says.
            let shape = try tableShape(table)
            guard let name = shape?.indexes.first(where: { $0.isUnique && $0.columns == columns })?.name
                ?? shape?.uniqueConstraints.first(where: { $0.columns == columns })?.name else {
                throw RenderError.missingConstraint(table: table, columns: columns)
            }
            return "DROP INDEX \(q(name))"
        case .addForeignKey(let foreignKey):
            return "ADD " + foreignKeySQL(foreignKey)
        case .dropForeignKey(let foreignKey):
            let found = try tableShape(table)?.foreignKeys.first { $0.columns == foreignKey.columns }?.name
            guard let name = foreignKey.name ?? found else {
                throw RenderError.missingConstraint(table: table, columns: foreignKey.columns)
            }
            return "DROP FOREIGN KEY \(q(name))"
        case .addCheck(let expression, let name):
            return "ADD " + checkSQL(expression, name: name)
        case .addIndex(let index):
            return "ADD \(index.isUnique ? "UNIQUE " : "")INDEX \(q(index.name)) (\(qList(index.columns)))"
        }
    }
}

extension ColumnType {
    /// Whether SQLAlchemy may make a column of this type auto-incrementing.
    var isInteger: Bool {
        switch self {
        case .integer, .bigint, .bigintSQLiteInteger: return true
        default: return false
        }
    }
}
