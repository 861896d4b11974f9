import MigrationEngine

extension GlanceRevisions {
    /// `xena_expand01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let xenaExpand01 = Revision(id: "xena_expand01", downRevisions: ["wallaby_expand01"], message: "empty expand for symmetry with 2023_1_expand01")
}
