import MigrationEngine

extension LegacyScripts {
    /// `036_rename_metadef_schema_columns.py`: renames `schema` to `json_schema` in metadef objects and
    /// properties.
    static let v036 = LegacyScript(36, "rename_metadef_schema_columns", .allDialects([
        .renameColumn(table: "metadef_objects", from: "schema", to: "json_schema"),
        .renameColumn(table: "metadef_properties", from: "schema", to: "json_schema"),
    ]))
}
