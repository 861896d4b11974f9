import MigrationEngine

extension LegacyScripts {
    /// `032_add_task_info_table.py`: moves task input, result and message into `task_info`. On SQLite the rebuilt tasks table carries its CHECK twice, as sqlalchemy-migrate's reflection left it.
    static let v032 = LegacyScript(32, "add_task_info_table", .perDialect(
        sqlite: [
            .createTable(taskInfo),
            .sql("INSERT INTO task_info (task_id, input, result, message) SELECT id, input, result, message FROM tasks"),
        ] + sqliteRebuild("tasks", create: """
            id VARCHAR(36) NOT NULL, type VARCHAR(30) NOT NULL, status VARCHAR(30) NOT NULL, owner VARCHAR(255) NOT NULL, \
            expires_at DATETIME, created_at DATETIME NOT NULL, updated_at DATETIME, deleted_at DATETIME, deleted BOOLEAN NOT NULL, \
            PRIMARY KEY (id), CHECK (deleted IN (0, 1)), CHECK (deleted IN (0, 1))
            """, columns: ["id", "type", "status", "owner", "expires_at", "created_at", "updated_at", "deleted_at", "deleted"],
            indexes: ["CREATE INDEX ix_tasks_updated_at ON tasks (updated_at)", "CREATE INDEX ix_tasks_deleted ON tasks (deleted)",
                      "CREATE INDEX ix_tasks_type ON tasks (type)", "CREATE INDEX ix_tasks_status ON tasks (status)",
                      "CREATE INDEX ix_tasks_owner ON tasks (owner)"]),
        postgresql: [
            .createTable(taskInfo),
            .sql("INSERT INTO task_info (task_id, input, result, message) SELECT id, input, result, message FROM tasks"),
            .alterTable("tasks", [.dropColumn("input"), .dropColumn("result"), .dropColumn("message")]),
        ]))

    static let taskInfo = Table("task_info", columns: [
        Column("task_id", .varchar(36), nullable: false),
        Column("input", .text),
        Column("result", .text),
        Column("message", .text),
    ], primaryKey: ["task_id"], foreignKeys: [ForeignKey(["task_id"], references: "tasks", ["id"])])
}
