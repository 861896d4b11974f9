import MigrationEngine

extension GlanceRevisions {
    /// `pike_expand01_empty.py`: no schema change; it exists so that every release has an expand and a contract step.
    public static let pikeExpand01 = Revision(id: "pike_expand01", downRevisions: ["ocata_expand01"], message: "empty expand for symmetry with pike_contract01")
}
