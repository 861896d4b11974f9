import MigrationEngine

extension GlanceRevisions {
    /// `2023_1_expand01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let expand2023_1_01 = Revision(id: "2023_1_expand01", downRevisions: ["zed_expand01"], message: "empty expand for symmetry with 2023_1_expand01")
}
