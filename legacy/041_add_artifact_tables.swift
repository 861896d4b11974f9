import GlanceRevisions
import MigrationEngine

extension LegacyScripts {
    /// `041_add_artifact_tables.py`: creates the Glare v1 artifact tables, the same ones `liberty` creates.
    static let v041 = LegacyScript(41, "add_artifact_tables", .allDialects(AddArtifactsTables.operations))
}
