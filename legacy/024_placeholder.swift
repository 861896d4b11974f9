import MigrationEngine

extension LegacyScripts {
    /// `024_placeholder.py`: a backport slot that does nothing.
    static let v024 = LegacyScript(24, "placeholder")
}
