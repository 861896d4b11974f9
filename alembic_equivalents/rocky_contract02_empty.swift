import MigrationEngine

extension GlanceRevisions {
    /// `rocky_contract02_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let rockyContract02 = Revision(id: "rocky_contract02", downRevisions: ["rocky_contract01"], dependsOn: ["rocky_expand02"])
}
