import MigrationEngine

extension GlanceRevisions {
    /// `wallaby_contract01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let wallabyContract01 = Revision(id: "wallaby_contract01", downRevisions: ["ussuri_contract01"], dependsOn: ["wallaby_expand01"])
}
