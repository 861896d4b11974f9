import MigrationEngine

extension GlanceRevisions {
    /// `data_migrations/ocata_migrate01_community_images.py`: fills `visibility` from `is_public` and
    /// membership, with legacy 045's meaning: public stays public, a private image with a live (not
    /// deleted) member becomes shared, the rest private.
    ///
    /// Two decisions where Glance's module is loose: only rows whose `visibility` is still NULL are touched
    /// (Glance rewrites every row, clobbering `community` and explicit `private` set by new-release writers
    /// during a rolling upgrade), and the pending check is an EXISTS query, so it works on SQLite.
    public static let ocataMigrate01 = DataMigration(
        id: "ocata_migrate01",
        requiresColumn: (table: "images", column: "is_public"),
        pendingQuery: "SELECT EXISTS (SELECT 1 FROM images WHERE visibility IS NULL)",
        statements: [
            "UPDATE images SET visibility = 'public' WHERE visibility IS NULL AND is_public = TRUE",
            "UPDATE images SET visibility = 'shared' WHERE visibility IS NULL AND id IN (SELECT DISTINCT image_id FROM image_members WHERE deleted = FALSE)",
            "UPDATE images SET visibility = 'private' WHERE visibility IS NULL",
        ])
}
