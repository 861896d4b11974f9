import MigrationEngine

extension LegacyScripts {
    /// `031_remove_duplicated_locations.py`: hard-deletes duplicated live locations, exactly one row per duplicate group (the lowest id), as Glance did: groups of three keep two.
    static let v031 = LegacyScript(31, "remove_duplicated_locations", .allDialects([
        // Data: the ids go through a derived table, which MySQL materialises: it refuses a subquery on the table
        // a DELETE changes (error 1093).
        .sql("""
            DELETE FROM image_locations WHERE id IN (SELECT id FROM (SELECT MIN(id) AS id FROM image_locations \
            WHERE deleted = FALSE GROUP BY image_id, value, meta_data HAVING COUNT(*) > 1) AS duplicates)
            """),
    ]))
}
