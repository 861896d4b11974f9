import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `032_add_task_info_table.py`: moves task input, result and message into `task_info`.
    static let v032 = LegacyScript(32, "add_task_info_table", .perDialect(
        sqlite: [
            .createTable(taskInfo),
            copyTaskInfo032,
            // sqlalchemy-migrate's drop_column rebuilt tasks from its reflection: the reflected CHECK plus the
            // one the reflected Boolean `deleted` emits again.
            .recreateTable("tasks", [.dropColumn("input"), .dropColumn("result"), .dropColumn("message"),
                                     .addCheck("deleted IN (0, 1)", name: nil)]),
        ],
        postgresql: alterInPlace032, mysql: alterInPlace032),
        residue: PerDialect(sqlite: [Residue("tasks", because:
            "sqlalchemy-migrate's rebuild in 032 repeated the Boolean CHECK")], postgresql: [], mysql: []))

    /// Where the columns are dropped in place (PostgreSQL, MySQL).
    static let alterInPlace032: [Operation] = [
        .createTable(taskInfo),
        copyTaskInfo032,
        .alterTable("tasks", [.dropColumn("input"), .dropColumn("result"), .dropColumn("message")]),
    ]

    /// Data: the columns' values move before the columns go.
    static let copyTaskInfo032 = Operation.sql(
        "INSERT INTO task_info (task_id, input, result, message) SELECT id, input, result, message FROM tasks")

    static let taskInfo = Table("task_info", columns: [
        Column("task_id", .varchar(36), nullable: false),
        Column("input", .text),
        Column("result", .text),
        Column("message", .text),
    ], primaryKey: ["task_id"], foreignKeys: [ForeignKey(["task_id"], references: "tasks", ["id"])])
}
