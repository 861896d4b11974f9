import DatabaseCore

/// The six metadef tables, in the order Glance clears them (`_clear_metadata`): children before the
/// namespaces and resource types they reference.
public enum MetadefTables {
    public static let clearingOrder = [
        "metadef_properties", "metadef_objects", "metadef_tags", "metadef_namespace_resource_types",
        "metadef_namespaces", "metadef_resource_types",
    ]

    /// - Throws: `GlanceDataError.missingTables` when the schema predates metadefs or was never synced.
    public static func require(in database: any Database) throws {
        try GlanceDataError.requireTables(clearingOrder, kind: "metadef", in: database)
    }

    /// `db unload_metadefs`: deletes every metadef row, in one transaction (Glance commits per table, so a
    /// failure there leaves namespaces without their properties).
    /// - Warning: Destructive: every namespace, object, property, tag and resource type is gone afterwards.
    public static func unload(from database: any Database, log: LogSink) throws {
        try require(in: database)
        try database.inTransaction {
            for table in clearingOrder { try database.execute("DELETE FROM \(table)") }
        }
        for table in clearingOrder { log(.info, "Table \(table) has been cleared") }
    }
}
