import MigrationEngine

extension LegacyScripts {
    /// `043_add_image_created_updated_idx.py`: indexes `images.created_at` and `updated_at` (Mitaka; Alembic's `mitaka01`).
    static let v043 = LegacyScript(43, "add_image_created_updated_idx", .allDialects([
        .createIndex(Index("created_at_image_idx", on: "images", ["created_at"])),
        .createIndex(Index("updated_at_image_idx", on: "images", ["updated_at"])),
    ]), alembicRevision: "mitaka01")
}
