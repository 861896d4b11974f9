import MigrationEngine

extension GlanceRevisions {
    /// `queens_contract01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let queensContract01 = Revision(id: "queens_contract01", downRevisions: ["pike_contract01"], dependsOn: ["queens_expand01"])
}
