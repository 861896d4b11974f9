import MigrationEngine

extension LegacyScripts {
    /// `033_add_location_status.py`: adds `image_locations.status` and derives it from the image's status (killed and deleted images have deleted locations).
    static let v033 = LegacyScript(33, "add_location_status", .allDialects([
        .addColumn(table: "image_locations", Column("status", .varchar(30), nullable: false, default: "'active'")),
        // Data: a location's status follows its image's.
        .sql("UPDATE image_locations SET status = CASE (SELECT status FROM images WHERE images.id = image_locations.image_id) WHEN 'pending_delete' THEN 'pending_delete' WHEN 'deleted' THEN 'deleted' WHEN 'killed' THEN 'deleted' ELSE 'active' END"),
    ]))
}
