extension Schema {
    /// One line per fact, sorted: the same order-independent idea as the reference `sqlite_struct.py`,
    /// extended to enum types, triggers and views. Two schemas are equal exactly when these lines are equal.
    /// Facts only some dialects report (MySQL's table options, collations, constraint names) are appended
    /// only when present, so the lines of SQLite and PostgreSQL schemas do not change with them.
    public var factLines: [String] {
        var lines: [String] = []
        for table in tables {
            lines.append("table \(table.name)" + (table.options.map { " " + $0.factText } ?? ""))
            for column in table.columns {
                let pk = table.primaryKey.firstIndex(of: column.name).map { $0 + 1 } ?? 0
                lines.append("column \(table.name).\(column.name) type=\(column.type) notnull=\(column.isNullable ? 0 : 1)"
                             + " default=\(column.defaultValue ?? "None") pk=\(pk)"
                             + (column.collation.map { " collation=\($0)" } ?? "")
                             + (column.isAutoIncrement ? " auto_increment" : ""))
            }
            for index in table.indexes {
                lines.append("index \(table.name) \(index.name) unique=\(index.isUnique ? 1 : 0) cols=\(index.columns.joined(separator: ","))")
            }
            for unique in table.uniqueConstraints {
                lines.append("unique \(table.name) \(unique.name ?? "(unnamed)") cols=\(unique.columns.joined(separator: ","))")
            }
            for fk in table.foreignKeys {
                lines.append("fk \(table.name) (\(fk.columns.joined(separator: ","))) -> "
                             + "\(fk.referencedTable)(\(fk.referencedColumns.joined(separator: ",")))"
                             + (fk.name.map { " name=\($0)" } ?? "") + (fk.onUpdate.map { " on_update=\($0)" } ?? "")
                             + (fk.onDelete.map { " on_delete=\($0)" } ?? ""))
            }
            var unclaimedNames = Dictionary(grouping: table.checkNames.keys.sorted()) { table.checkNames[$0] ?? "" }
            for check in table.checks {
                let name = unclaimedNames[check]?.first
                if name != nil { unclaimedNames[check]?.removeFirst() }
                lines.append("check \(table.name) \(check)" + (name.map { " name=\($0)" } ?? ""))
            }
        }
        for enumType in enumTypes {
            lines.append("enum \(enumType.name) values=\(enumType.values.joined(separator: ","))")
        }
        for trigger in triggers {
            lines.append("trigger \(trigger.table) \(trigger.name)" + (trigger.timing.map { " " + $0 } ?? ""))
        }
        for view in views {
            lines.append("view \(view)")
        }
        return lines.sorted()
    }
}

extension Schema {
    /// The object a fact line of `factLines` is about, without what it says of it: `column images.size`,
    /// `index images ix_images_deleted`, `fk tasks (image_id)`, `trigger images insert_visibility`. Two lines
    /// with one key describe the same object differently (a column with another type); a CHECK or a view is
    /// its own key.
    public static func factKey(of line: String) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: false)
        switch words.first {
        case "table", "column", "enum":
            return words.prefix(2).joined(separator: " ")
        case "index", "unique", "trigger":
            return words.prefix(3).joined(separator: " ")
        case "fk":
            return line.firstRange(of: ") -> ").map { String(line[..<$0.lowerBound]) + ")" } ?? line
        default:
            return line
        }
    }
}

extension TableOptions {
    var factText: String {
        "engine=\(engine) charset=\(charset) collation=\(collation)" + (rowFormat.map { " row_format=\($0)" } ?? "")
    }
}
