import MigrationEngine

extension GlanceRevisions {
    /// `liberty_initial.py`: the whole Liberty (legacy 042) schema. Unlike legacy 035 it seeds no
    /// metadef resource types.
    public static let liberty = Revision(
        id: "liberty", message: "liberty initial",
        upgrade: .allDialects(AddImagesTables.operations + AddTasksTables.operations
            + AddMetadefsTables.operations + AddArtifactsTables.operations))
}
