import MigrationEngine

extension LegacyScripts {
    /// `040_add_changes_to_satisfy_metadefs_tags.py`: on MySQL, drops the unique index MySQL named `namespace_id`
    /// for 038's unnamed UNIQUE (039's `ix_metadef_tags_namespace_id` now serves the foreign key); nothing to
    /// do on SQLite and PostgreSQL.
    static let v040 = LegacyScript(40, "add_changes_to_satisfy_metadefs_tags", .perDialect(
        sqlite: [], postgresql: [],
        mysql: [.dropIndex(name: "namespace_id", table: "metadef_tags")]))
}
