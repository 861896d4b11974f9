import MigrationEngine

extension GlanceRevisions {
    /// `mitaka01_add_image_created_updated_idx.py`.
    public static let mitaka01 = Revision(
        id: "mitaka01", downRevisions: ["liberty"],
        message: "add index on created_at and updated_at columns of 'images' table",
        upgrade: .allDialects([
            .createIndex(Index("created_at_image_idx", on: "images", ["created_at"])),
            .createIndex(Index("updated_at_image_idx", on: "images", ["updated_at"])),
        ]))
}
