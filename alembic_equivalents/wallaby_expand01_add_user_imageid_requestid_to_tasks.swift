import MigrationEngine

extension GlanceRevisions {
    /// `wallaby_expand01_add_user_imageid_requestid_to_tasks.py`. The message's stray closing quote is
    /// Glance's own.
    public static let wallabyExpand01 = Revision(
        id: "wallaby_expand01", downRevisions: ["ussuri_expand01"],
        message: "add image_id, request_id, user columns to tasks table\"",
        upgrade: .allDialects([
            .addColumn(table: "tasks", Column("image_id", .varchar(36))),
            .addColumn(table: "tasks", Column("request_id", .varchar(64))),
            .addColumn(table: "tasks", Column("user_id", .varchar(64))),
            .createIndex(Index("ix_tasks_image_id", on: "tasks", ["image_id"])),
        ]))
}
