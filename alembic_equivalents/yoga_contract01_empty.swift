import MigrationEngine

extension GlanceRevisions {
    /// `yoga_contract01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let yogaContract01 = Revision(id: "yoga_contract01", downRevisions: ["xena_contract01"], dependsOn: ["yoga_expand01"])
}
