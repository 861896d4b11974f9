import MigrationEngine

extension GlanceRevisions {
    /// `train_contract01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let trainContract01 = Revision(id: "train_contract01", downRevisions: ["rocky_contract02"], dependsOn: ["train_expand01"])
}
