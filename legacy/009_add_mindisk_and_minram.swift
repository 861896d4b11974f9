import MigrationEngine

extension LegacyScripts {
    /// `009_add_mindisk_and_minram.py`: adds `min_disk`/`min_ram`; sqlalchemy-migrate's populate_default writes 0 into existing rows.
    static let v009 = LegacyScript(9, "add_mindisk_and_minram", .allDialects([
        .addColumn(table: "images", Column("min_disk", .integer)),
        .addColumn(table: "images", Column("min_ram", .integer)),
        .sql("UPDATE images SET min_disk = 0, min_ram = 0"), // Data: populate_default for existing rows.
    ]))
}
