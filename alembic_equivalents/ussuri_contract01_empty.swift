import MigrationEngine

extension GlanceRevisions {
    /// `ussuri_contract01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let ussuriContract01 = Revision(id: "ussuri_contract01", downRevisions: ["train_contract01"], dependsOn: ["ussuri_expand01"])
}
