import MigrationEngine

extension GlanceRevisions {
    /// `pike_contract01_drop_artifacts_tables.py`, in Glance's order (children first).
    public static let pikeContract01 = Revision(
        id: "pike_contract01", downRevisions: ["ocata_contract01"], dependsOn: ["pike_expand01"],
        message: "drop glare artifacts tables",
        upgrade: .allDialects(["artifact_blob_locations", "artifact_properties", "artifact_blobs",
                               "artifact_dependencies", "artifact_tags", "artifacts"].map(Operation.dropTable)))
}
