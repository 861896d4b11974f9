import MigrationEngine

extension LegacyScripts {
    /// `025_placeholder.py`: a backport slot that does nothing.
    static let v025 = LegacyScript(25, "placeholder")
}
