import MigrationEngine

extension LegacyScripts {
    /// `019_migrate_image_locations.py`: copies every image's `location` into `image_locations`.
    static let v019 = LegacyScript(19, "migrate_image_locations", .allDialects([
        .sql("INSERT INTO image_locations (image_id, value, created_at, updated_at, deleted_at, deleted) SELECT id, location, created_at, updated_at, deleted_at, deleted FROM images WHERE location IS NOT NULL"),
    ]))
}
