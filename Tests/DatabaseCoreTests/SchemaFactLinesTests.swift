import DatabaseCore
import Testing

/// The facts only MySQL reports are optional parts of the model: absent, they leave the fact lines (and so
/// every SQLite and PostgreSQL fingerprint) exactly as before; present, they are facts like any other.
@Suite struct SchemaFactLinesTests {
    static let plain = Schema(tables: [TableSchema(
        name: "images",
        columns: [ColumnSchema(name: "id", type: "VARCHAR(36)", isNullable: false),
                  ColumnSchema(name: "deleted", type: "BOOLEAN", isNullable: false, defaultValue: "0")],
        primaryKey: ["id"],
        indexes: [IndexSchema(name: "ix_images_deleted", columns: ["deleted"], isUnique: false)],
        foreignKeys: [ForeignKeySchema(columns: ["id"], referencedTable: "other", referencedColumns: ["id"])],
        checks: ["deleted IN (0, 1)"])],
        triggers: [TriggerSchema(name: "t", table: "images")])

    @Test func withoutMySQLFactsTheLinesAreTheEstablishedOnes() {
        #expect(Self.plain.factLines == [
            "check images deleted IN (0, 1)",
            "column images.deleted type=BOOLEAN notnull=1 default=0 pk=0",
            "column images.id type=VARCHAR(36) notnull=1 default=None pk=1",
            "fk images (id) -> other(id)",
            "index images ix_images_deleted unique=0 cols=deleted",
            "table images",
            "trigger images t",
        ])
    }

    @Test func mySQLFactsAreFacts() {
        var table = Self.plain.tables[0]
        table.options = TableOptions(engine: "InnoDB", charset: "utf8mb3", collation: "utf8mb3_general_ci",
                                     rowFormat: "Dynamic")
        table.columns[0].collation = "utf8mb3_general_ci"
        table.columns[1].isAutoIncrement = true
        table.foreignKeys[0].name = "images_ibfk_1"
        table.foreignKeys[0].onDelete = "CASCADE"
        table.checkNames = ["CONSTRAINT_1": "deleted IN (0, 1)"]
        let trigger = TriggerSchema(name: "t", table: "images", timing: "BEFORE INSERT")
        let schema = Schema(tables: [table], triggers: [trigger])
        #expect(schema.factLines == [
            "check images deleted IN (0, 1) name=CONSTRAINT_1",
            "column images.deleted type=BOOLEAN notnull=1 default=0 pk=0 auto_increment",
            "column images.id type=VARCHAR(36) notnull=1 default=None pk=1 collation=utf8mb3_general_ci",
            "fk images (id) -> other(id) name=images_ibfk_1 on_delete=CASCADE",
            "index images ix_images_deleted unique=0 cols=deleted",
            "table images engine=InnoDB charset=utf8mb3 collation=utf8mb3_general_ci row_format=Dynamic",
            "trigger images t BEFORE INSERT",
        ])
        #expect(Fingerprint(schema) != Fingerprint(Self.plain))
    }

    /// Two CHECKs with one expression (a legacy table can carry both) keep both names.
    @Test func repeatedCheckExpressionsKeepEachName() {
        let table = TableSchema(name: "t", columns: [], primaryKey: [], checks: ["`a` in (0,1)", "`a` in (0,1)"],
                                checkNames: ["CONSTRAINT_2": "`a` in (0,1)", "CONSTRAINT_1": "`a` in (0,1)"])
        #expect(Schema(tables: [table]).factLines.filter { $0.hasPrefix("check") } == [
            "check t `a` in (0,1) name=CONSTRAINT_1", "check t `a` in (0,1) name=CONSTRAINT_2",
        ])
    }
}
