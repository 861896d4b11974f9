import MigrationEngine

extension LegacyScripts {
    /// `021_set_engine_mysql_innodb.py`: switches MySQL tables to InnoDB; nothing to do on SQLite and PostgreSQL.
    static let v021 = LegacyScript(21, "set_engine_mysql_innodb")
}
