import MigrationEngine

extension LegacyScripts {
    /// `034_add_virtual_size.py`: adds `images.virtual_size`.
    static let v034 = LegacyScript(34, "add_virtual_size", .allDialects([.addColumn(table: "images", Column("virtual_size", .bigintSQLiteInteger))]))
}
