import MigrationEngine

extension GlanceRevisions {
    /// `yoga_expand01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let yogaExpand01 = Revision(id: "yoga_expand01", downRevisions: ["xena_expand01"], message: "empty expand for symmetry with 2023_1_expand01")
}
