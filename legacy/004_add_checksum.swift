import MigrationEngine

extension LegacyScripts {
    /// `004_add_checksum.py`: adds `images.checksum`.
    static let v004 = LegacyScript(4, "add_checksum", .allDialects([.addColumn(table: "images", Column("checksum", .varchar(32)))]))
}
