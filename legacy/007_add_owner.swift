import MigrationEngine

extension LegacyScripts {
    /// `007_add_owner.py`: adds `images.owner`.
    static let v007 = LegacyScript(7, "add_owner", .allDialects([.addColumn(table: "images", Column("owner", .varchar(255)))]))
}
