import MigrationEngine

extension GlanceRevisions {
    /// `rocky_expand02_add_os_hash_.py`.
    public static let rockyExpand02 = Revision(
        id: "rocky_expand02", downRevisions: ["rocky_expand01"],
        message: "add os_hash_algo and os_hash_value columns to images table",
        upgrade: .allDialects([
            .addColumn(table: "images", Column("os_hash_algo", .varchar(64))),
            .addColumn(table: "images", Column("os_hash_value", .varchar(128))),
            .createIndex(Index("os_hash_value_image_idx", on: "images", ["os_hash_value"])),
        ]))
}
