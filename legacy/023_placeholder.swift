import MigrationEngine

extension LegacyScripts {
    /// `023_placeholder.py`: a backport slot that does nothing.
    static let v023 = LegacyScript(23, "placeholder")
}
