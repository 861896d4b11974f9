import MigrationEngine

extension GlanceRevisions {
    /// The `image_visibility` enum: a named type on PostgreSQL, `VARCHAR(9)` on SQLite.
    public static let imageVisibility = EnumType("image_visibility", values: ["private", "public", "shared", "community"])

    /// `ocata_expand01_add_visibility.py`: adds the nullable `visibility` column next to `is_public` and
    /// makes `is_public` nullable so that new-release writers can leave it out. On SQLite the nullability
    /// change rebuilds `images` (Glance uses Alembic batch mode for the same).
    public static let ocataExpand01 = Revision(
        id: "ocata_expand01", downRevisions: ["mitaka02"], branchLabels: ["expand"],
        message: "add visibility to images",
        upgrade: .allDialects([
            .createEnum(imageVisibility),
            .addColumn(table: "images", Column("visibility", .enumeration(imageVisibility))),
            .createIndex(Index("visibility_image_idx", on: "images", ["visibility"])),
            .alterTable("images", [.alterColumn("is_public", nullable: true, defaultValue: .keep, type: .boolean)]),
        ]))
}
