import MigrationEngine

extension GlanceRevisions {
    /// `zed_contract01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let zedContract01 = Revision(id: "zed_contract01", downRevisions: ["yoga_contract01"], dependsOn: ["zed_expand01"])
}
