import DatabaseCore
import GlanceRevisions
import MigrationEngine

extension LegacyScripts {
    /// `041_add_artifact_tables.py`: creates the Glare v1 artifact tables, the same ones `liberty` creates. On
    /// MySQL the foreign-key names differ: 041 declares each key on its column, so InnoDB numbers them in
    /// column order (`artifact_dependencies_ibfk_1` is `artifact_source`), where liberty's lists dest first.
    static let v041 = LegacyScript(41, "add_artifact_tables", .perDialect(
        sqlite: AddArtifactsTables.operations, postgresql: AddArtifactsTables.operations,
        mysql: AddArtifactsTables.operations.map(foreignKeysInColumnOrder)),
        residue: PerDialect(sqlite: [], postgresql: [], mysql: [Residue("artifact_dependencies", because:
            "041 declares its foreign keys in column order, so InnoDB numbers them unlike liberty's "
                + "add_artifacts_tables (artifact_dependencies_ibfk_1 is artifact_source)")]))

    /// A CREATE TABLE whose foreign keys come in the order of their columns.
    static func foreignKeysInColumnOrder(_ operation: Operation) -> Operation {
        guard case .createTable(let table) = operation else { return operation }
        let position = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($0.element.name, $0.offset) })
        let keys = table.foreignKeys.sorted {
            position[$0.columns[0], default: 0] < position[$1.columns[0], default: 0]
        }
        return .createTable(Table(table.name, columns: table.columns, primaryKey: table.primaryKey, foreignKeys: keys,
                                  uniqueConstraints: table.uniqueConstraints, autoincrement: table.autoincrement))
    }
}
