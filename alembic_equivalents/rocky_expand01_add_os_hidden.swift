import MigrationEngine

extension GlanceRevisions {
    /// `rocky_expand01_add_os_hidden.py`.
    public static let rockyExpand01 = Revision(
        id: "rocky_expand01", downRevisions: ["queens_expand01"], message: "add os_hidden column to images table",
        upgrade: .allDialects([
            .addColumn(table: "images", Column("os_hidden", .boolean, nullable: false, default: "false")),
            .createIndex(Index("os_hidden_image_idx", on: "images", ["os_hidden"])),
        ]))
}
