import MigrationEngine

extension LegacyScripts {
    /// `016_add_status_image_member.py`: adds `image_members.status`, 'pending' for existing members.
    static let v016 = LegacyScript(16, "add_status_image_member", .allDialects([
        .addColumn(table: "image_members", Column("status", .varchar(20))),
        .sql("UPDATE image_members SET status = 'pending'"), // Data: existing memberships await an answer.
    ]))
}
