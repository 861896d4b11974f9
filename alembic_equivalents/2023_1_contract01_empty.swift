import MigrationEngine

extension GlanceRevisions {
    /// `2023_1_contract01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let contract2023_1_01 = Revision(id: "2023_1_contract01", downRevisions: ["zed_contract01"], dependsOn: ["2023_1_expand01"])
}
