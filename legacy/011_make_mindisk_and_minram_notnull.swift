import MigrationEngine

extension LegacyScripts {
    /// `011_make_mindisk_and_minram_notnull.py`: makes `min_disk`/`min_ram` NOT NULL (a rebuild on SQLite,
    /// `011_sqlite_upgrade.sql`, that keeps the table's CHECKs).
    static let v011 = LegacyScript(11, "make_mindisk_and_minram_notnull", .allDialects([
        .recreateTable("images", [.alterColumn("min_disk", nullable: false, defaultValue: .keep, type: .integer),
                                  .alterColumn("min_ram", nullable: false, defaultValue: .keep, type: .integer)]),
    ]))
}
