import DatabaseCore

/// What MariaDB records by itself when the rendered SQL runs, for the `SchemaSimulator`: names InnoDB gives,
/// storage options and collations, indexes it adds or drops on its own.
extension MySQLRenderer {
    /// Glance's `mysql_engine='InnoDB', mysql_charset='utf8'` as MariaDB 10.11 stores it (`utf8` is
    /// `utf8mb3`, whose default collation is `utf8mb3_general_ci`; InnoDB's default row format is Dynamic).
    public static let glanceTableOptions = TableOptions(engine: "InnoDB", charset: "utf8mb3",
                                                        collation: "utf8mb3_general_ci", rowFormat: "Dynamic")

    /// The collation a column of `type` takes in a Glance table: the table's, for character types only.
    func collation(of type: ColumnType) -> String? {
        switch type {
        case .varchar, .text, .enumeration: return Self.glanceTableOptions.collation
        case .integer, .bigint, .bigintSQLiteInteger, .boolean, .datetime, .numeric, .binary: return nil
        }
    }

    /// What MariaDB does to a table by itself:
    /// - CREATE TABLE: the table options and collations, AUTO_INCREMENT on the integer key, InnoDB's names for
    ///   unnamed foreign keys (`<table>_ibfk_<n>` in declaration order) and MariaDB's for unnamed CHECKs;
    ///   UNIQUE constraints are unique indexes;
    /// - a dropped column takes the CHECKs on it along (Glance's `ocata_contract01` leaves no CHECK on
    ///   `is_public` without dropping one); `MODIFY` restates a column without AUTO_INCREMENT;
    /// - a foreign key that no index can serve (none starts with its columns) gets an index of its own, named
    ///   after its first column (`cached_images.node_reference_id`), and InnoDB drops that index again once
    ///   another one can serve the key: `ix_image_locations_image_id` replaces `image_locations.image_id`.
    public func settle(_ table: inout TableSchema, after operation: Operation) {
        switch operation {
        case .createTable(let created):
            table.options = Self.glanceTableOptions
            let increment = created.autoincrement && created.primaryKey.count == 1 ? created.primaryKey.first : nil
            for (i, column) in created.columns.enumerated() where table.columns[i].name == column.name {
                table.columns[i].collation = collation(of: column.type)
                table.columns[i].isAutoIncrement = column.name == increment && column.type.isInteger
            }
            table.foreignKeys = created.foreignKeys.enumerated().map { n, key in
                ForeignKeySchema(columns: key.columns, referencedTable: key.referencedTable,
                                 referencedColumns: key.referencedColumns,
                                 name: foreignKeyName(table: created.name, ordinal: n + 1))
            }
            // A UNIQUE constraint is a unique index in MySQL, and introspection reports it as one.
            table.indexes += table.uniqueConstraints.map {
                IndexSchema(name: $0.name ?? $0.columns[0], columns: $0.columns, isUnique: true)
            }
            table.uniqueConstraints = []
            let checks = implicitChecks(of: created)
            table.checkNames = Dictionary(uniqueKeysWithValues: checks.enumerated().map {
                (checkName(ordinal: $0.offset + 1), $0.element)
            })
        case .addColumn(_, let column):
            if let i = table.columns.firstIndex(where: { $0.name == column.name }) {
                table.columns[i].collation = collation(of: column.type)
            }
        case .alterTable(_, let alterations), .recreateTable(_, let alterations):
            for alteration in alterations { settle(&table, after: alteration) }
            table.checkNames = table.checkNames.filter { table.checks.contains($0.value) }
        default:
            break
        }
        settleForeignKeyIndexes(&table)
    }

    /// One alteration of an `ALTER TABLE`, after the simulator has applied it to the neutral model.
    private func settle(_ table: inout TableSchema, after alteration: TableAlteration) {
        switch alteration {
        case .dropColumn(let column):
            table.checks.removeAll { $0.contains("`\(column)`") }
        case .alterColumn(let name, _, _, let type), .changeType(let name, let type):
            // `MODIFY` restates the whole column, without AUTO_INCREMENT (legacy 012 turns `images.id` into text).
            guard let i = table.columns.firstIndex(where: { $0.name == name }) else { return }
            table.columns[i].collation = collation(of: type)
            table.columns[i].isAutoIncrement = false
        case .addUniqueConstraint:
            // A UNIQUE constraint is a unique index in MySQL, named after its first column when unnamed.
            table.indexes += table.uniqueConstraints.map {
                IndexSchema(name: $0.name ?? $0.columns[0], columns: $0.columns, isUnique: true)
            }
            table.uniqueConstraints = []
        case .dropUniqueConstraint(let columns):
            // The renderer drops the first such unique index by name, as the live table lists them.
            if let dropped = table.indexes.filter({ $0.isUnique && $0.columns == columns }).map(\.name).min() {
                table.indexes.removeAll { $0.name == dropped }
            }
        case .addForeignKey(let key):
            guard let i = table.foreignKeys.firstIndex(where: {
                $0.name == nil && $0.columns == key.columns && $0.referencedTable == key.referencedTable
            }) else { return }
            // InnoDB numbers an unnamed key one past the highest `<table>_ibfk_<n>` the table has.
            let prefix = table.name + "_ibfk_"
            let highest = table.foreignKeys.compactMap { $0.name }.filter { $0.hasPrefix(prefix) }
                .compactMap { Int($0.dropFirst(prefix.count)) }.max() ?? 0
            table.foreignKeys[i].name = key.name ?? prefix + String(highest + 1)
            // The index InnoDB adds for a key no index serves is named after the constraint when the
            // statement names it (`ADD CONSTRAINT metadef_objects_fk_1 FOREIGN KEY …`), else after the column.
            if let name = key.name, !servesForeignKey(table, key.columns, besides: { _ in false }) {
                table.indexes.append(IndexSchema(name: name, columns: key.columns, isUnique: false))
            }
        case .dropIndex, .dropForeignKey, .addCheck, .addIndex:
            return // the simulator's neutral change is what MySQL does
        }
    }

    /// Whether the primary key, a unique constraint or an index other than those `excluded` starts with `columns`.
    private func servesForeignKey(_ table: TableSchema, _ columns: [String],
                                  besides excluded: (IndexSchema) -> Bool) -> Bool {
        let others = [table.primaryKey] + table.uniqueConstraints.map(\.columns)
            + table.indexes.filter { !excluded($0) }.map(\.columns)
        return others.contains { $0.starts(with: columns) }
    }

    private func settleForeignKeyIndexes(_ table: inout TableSchema) {
        for key in table.foreignKeys {
            // The index InnoDB made for this key by itself: named after its constraint or its first column.
            func isImplicit(_ index: IndexSchema) -> Bool {
                !index.isUnique && index.columns == key.columns
                    && (index.name == key.columns[0] || index.name == key.name)
            }
            if servesForeignKey(table, key.columns, besides: isImplicit) {
                table.indexes.removeAll(where: isImplicit)
            } else if !table.indexes.contains(where: isImplicit) {
                table.indexes.append(IndexSchema(name: key.columns[0], columns: key.columns, isUnique: false))
            }
        }
    }

    /// A trigger with its timing, read from its CREATE statement (`… TRIGGER name BEFORE INSERT ON …`), as
    /// MariaDB's `information_schema.TRIGGERS` reports it.
    public func introspectedTrigger(_ trigger: Trigger) -> TriggerSchema {
        let words = trigger.statements.joined(separator: " ").split(whereSeparator: \.isWhitespace)
        let timing = words.firstIndex(of: Substring(trigger.name)).flatMap { i -> String? in
            guard i > 0, words[i - 1] == "TRIGGER", i + 2 < words.count else { return nil }
            return "\(words[i + 1]) \(words[i + 2])"
        }
        return TriggerSchema(name: trigger.name, table: trigger.table, timing: timing)
    }
}
