import MigrationEngine

extension LegacyScripts {
    /// `044_update_metadef_os_nova_server.py`: renames the resource type `OS::Nova::Instance` to `OS::Nova::Server` (Alembic's `mitaka02`).
    static let v044 = LegacyScript(44, "update_metadef_os_nova_server", .allDialects([
        .sql("UPDATE metadef_resource_types SET name = 'OS::Nova::Server' WHERE name = 'OS::Nova::Instance'"),
    ]), alembicRevision: "mitaka02")
}
