import MigrationEngine

extension LegacyScripts {
    /// `020_drop_images_table_location.py`: drops `images.location` (a rebuild on SQLite that keeps the CHECKs,
    /// still without the indexes 012 lost).
    static let v020 = LegacyScript(20, "drop_images_table_location", .allDialects([
        .recreateTable("images", [.dropColumn("location")]),
    ]))
}
