extension Schema {
    /// One line per fact, sorted: the same order-independent idea as the reference `sqlite_struct.py`,
    /// extended to enum types, triggers and views. Two schemas are equal exactly when these lines are equal.
    public var factLines: [String] {
        var lines: [String] = []
        for table in tables {
            lines.append("table \(table.name)")
            for column in table.columns {
                let pk = table.primaryKey.firstIndex(of: column.name).map { $0 + 1 } ?? 0
                lines.append("column \(table.name).\(column.name) type=\(column.type) notnull=\(column.isNullable ? 0 : 1) default=\(column.defaultValue ?? "None") pk=\(pk)")
            }
            for index in table.indexes {
                lines.append("index \(table.name) \(index.name) unique=\(index.isUnique ? 1 : 0) cols=\(index.columns.joined(separator: ","))")
            }
            for unique in table.uniqueConstraints {
                lines.append("unique \(table.name) \(unique.name ?? "(unnamed)") cols=\(unique.columns.joined(separator: ","))")
            }
            for fk in table.foreignKeys {
                lines.append("fk \(table.name) (\(fk.columns.joined(separator: ","))) -> \(fk.referencedTable)(\(fk.referencedColumns.joined(separator: ",")))")
            }
            for check in table.checks {
                lines.append("check \(table.name) \(check)")
            }
        }
        for enumType in enumTypes {
            lines.append("enum \(enumType.name) values=\(enumType.values.joined(separator: ","))")
        }
        for trigger in triggers {
            lines.append("trigger \(trigger.table) \(trigger.name)")
        }
        for view in views {
            lines.append("view \(view)")
        }
        return lines.sorted()
    }
}
