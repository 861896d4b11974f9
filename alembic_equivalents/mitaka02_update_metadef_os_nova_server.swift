import MigrationEngine

extension GlanceRevisions {
    /// `mitaka02_update_metadef_os_nova_server.py`: renames the resource type (a no-op on a database
    /// created by `liberty`, which seeds none).
    public static let mitaka02 = Revision(
        id: "mitaka02", downRevisions: ["mitaka01"], message: "update metadef os_nova_server",
        upgrade: .allDialects([
            .sql("UPDATE metadef_resource_types SET name = 'OS::Nova::Server' WHERE name = 'OS::Nova::Instance'"),
        ]))
}
