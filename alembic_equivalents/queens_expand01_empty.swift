import MigrationEngine

extension GlanceRevisions {
    /// `queens_expand01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let queensExpand01 = Revision(id: "queens_expand01", downRevisions: ["pike_expand01"])
}
