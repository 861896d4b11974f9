import MigrationEngine

/// `alembic_migrations/add_tasks_tables.py`: tasks and task_info.
enum AddTasksTables {
    static let operations: [Operation] = [
        .createTable(Table("tasks", columns: [
            Column("id", .varchar(36), nullable: false),
            Column("type", .varchar(30), nullable: false),
            Column("status", .varchar(30), nullable: false),
            Column("owner", .varchar(255), nullable: false),
            Column("expires_at", .datetime),
        ] + glanceBaseColumns(), primaryKey: ["id"])),
        .createIndex(Index("ix_tasks_deleted", on: "tasks", ["deleted"])),
        .createIndex(Index("ix_tasks_owner", on: "tasks", ["owner"])),
        .createIndex(Index("ix_tasks_status", on: "tasks", ["status"])),
        .createIndex(Index("ix_tasks_type", on: "tasks", ["type"])),
        .createIndex(Index("ix_tasks_updated_at", on: "tasks", ["updated_at"])),

        .createTable(Table("task_info", columns: [
            Column("task_id", .varchar(36), nullable: false),
            Column("input", .text),
            Column("result", .text),
            Column("message", .text),
        ], primaryKey: ["task_id"], foreignKeys: [ForeignKey(["task_id"], references: "tasks", ["id"])])),
    ]
}
