import MigrationEngine

extension LegacyScripts {
    /// `040_add_changes_to_satisfy_metadefs_tags.py`: drops a MySQL-only index; nothing to do on SQLite and PostgreSQL.
    static let v040 = LegacyScript(40, "add_changes_to_satisfy_metadefs_tags")
}
