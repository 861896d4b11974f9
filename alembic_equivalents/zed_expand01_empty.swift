import MigrationEngine

extension GlanceRevisions {
    /// `zed_expand01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let zedExpand01 = Revision(id: "zed_expand01", downRevisions: ["yoga_expand01"], message: "empty expand for symmetry with 2023_1_expand01")
}
