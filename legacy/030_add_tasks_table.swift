import MigrationEngine

extension LegacyScripts {
    /// `030_add_tasks_table.py`: creates `tasks`.
    static let v030 = LegacyScript(30, "add_tasks_table", .allDialects([
        .createTable(Table("tasks", columns: [
            Column("id", .varchar(36), nullable: false),
            Column("type", .varchar(30), nullable: false),
            Column("status", .varchar(30), nullable: false),
            Column("owner", .varchar(255), nullable: false),
            Column("input", .text),
            Column("result", .text),
            Column("message", .text),
            Column("expires_at", .datetime),
        ] + legacyTimestamps(), primaryKey: ["id"])),
        .createIndex(Index("ix_tasks_type", on: "tasks", ["type"])),
        .createIndex(Index("ix_tasks_status", on: "tasks", ["status"])),
        .createIndex(Index("ix_tasks_owner", on: "tasks", ["owner"])),
        .createIndex(Index("ix_tasks_deleted", on: "tasks", ["deleted"])),
        .createIndex(Index("ix_tasks_updated_at", on: "tasks", ["updated_at"])),
    ]))
}
