import MigrationEngine

extension GlanceRevisions {
    /// `train_expand01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let trainExpand01 = Revision(id: "train_expand01", downRevisions: ["rocky_expand02"], message: "empty expand for symmetry with train_contract01")
}
