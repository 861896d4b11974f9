import MigrationEngine

extension GlanceRevisions {
    /// `ussuri_expand01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let ussuriExpand01 = Revision(id: "ussuri_expand01", downRevisions: ["train_expand01"], message: "empty expand for symmetry with ussuri_expand01")
}
