import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `021_set_engine_mysql_innodb.py`: on MySQL, converts tables that are not InnoDB (an early table may be
    /// MyISAM, which ignores foreign keys); nothing to do on SQLite and PostgreSQL. Glance's script converts
    /// `image_locations` only; here every Glance table of that version is converted, since the models, later
    /// scripts' foreign keys and Glance's own `test_mysql_innodb_tables` all require InnoDB everywhere. A table
    /// that is InnoDB already is left alone (a needless conversion would copy it).
    static let v021 = LegacyScript(21, "set_engine_mysql_innodb", data: { database in
        try innoDB021[database.dialect](database)
    })

    static let innoDB021 = PerDialect<@Sendable (any Database) throws -> Void>(
        sqlite: { _ in }, postgresql: { _ in },
        mysql: { database in
            let glanceTables = Set(schema(at: 20, dialect: database.dialect)?.tableNames ?? [])
            let rows = try database.query("""
                SELECT TABLE_NAME FROM information_schema.TABLES \
                WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND ENGINE <> 'InnoDB'
                """)
            for name in rows.compactMap({ $0["TABLE_NAME"].stringValue }).sorted() where glanceTables.contains(name) {
                try database.executeScript("ALTER TABLE \(database.dialect.quote(name)) ENGINE=InnoDB")
            }
        })
}
