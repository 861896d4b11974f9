import MigrationEngine

extension LegacyScripts {
    /// `010_default_update_at.py`: fills `updated_at` from `created_at`.
    static let v010 = LegacyScript(10, "default_update_at", .allDialects([
        .sql("UPDATE images SET updated_at = created_at WHERE updated_at IS NULL"),
    ]))
}
