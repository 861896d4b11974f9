import MigrationEngine

extension GlanceRevisions {
    /// `xena_contract01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let xenaContract01 = Revision(id: "xena_contract01", downRevisions: ["wallaby_contract01"], dependsOn: ["xena_expand01"])
}
