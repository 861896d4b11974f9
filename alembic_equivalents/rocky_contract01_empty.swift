import MigrationEngine

extension GlanceRevisions {
    /// `rocky_contract01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let rockyContract01 = Revision(id: "rocky_contract01", downRevisions: ["queens_contract01"], dependsOn: ["rocky_expand01"])
}
