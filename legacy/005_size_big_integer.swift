import MigrationEngine

extension LegacyScripts {
    /// `005_size_big_integer.py`: widens `images.size`; the script skips SQLite.
    static let v005 = LegacyScript(5, "size_big_integer", .perDialect(
        sqlite: [],
        postgresql: [.alterTable("images", [.changeType("size", .bigint)])],
        mysql: [.alterTable("images", [.changeType("size", .bigint)])]))
}
