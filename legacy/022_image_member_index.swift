import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `022_image_member_index.py`: replaces the `(image_id, member)` unique constraint by
    /// `(image_id, member, deleted_at)` on PostgreSQL; a no-op on SQLite, which therefore keeps the old
    /// constraint for good.
    static let v022 = LegacyScript(22, "image_member_index", .perDialect(
        sqlite: [],
        postgresql: [
            .alterTable("image_members", [
                .dropUniqueConstraint(columns: ["image_id", "member"]),
                .addUniqueConstraint(UniqueConstraint("image_members_image_id_member_deleted_at_key",
                                                      ["image_id", "member", "deleted_at"])),
            ]),
        ],
        // MySQL named the unnamed UNIQUE of 008 after its first column; 022 drops it by that name. One
        // statement, so MySQL (which commits at every DDL) never keeps one constraint without the other.
        mysql: [
            .alterTable("image_members", [
                .dropIndex("image_id"),
                .addUniqueConstraint(UniqueConstraint("image_members_image_id_member_deleted_at_key",
                                                      ["image_id", "member", "deleted_at"])),
            ]),
        ]),
        residue: PerDialect(sqlite: [Residue("image_members", because:
            "022 is a no-op on SQLite, so the pre-Grizzly UNIQUE(image_id, member) stays beside 037's "
                + "three-column one")],
                            postgresql: [], mysql: []))
}
