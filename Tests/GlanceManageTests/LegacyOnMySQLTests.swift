import DatabaseCore
import Foundation
import Testing
import TestSupport

/// The legacy scripts have no MySQL branches yet, and MySQL cannot roll a half-run script back: a
/// sqlalchemy-migrate database on MySQL is refused in one line before anything is written.
@Suite struct LegacyOnMySQLTests {
    @Test(arguments: [["db", "sync"], ["db", "upgrade"], ["db", "expand"]])
    func aLegacyDatabaseOnMySQLIsRefusedAndUnchanged(_ action: [String]) throws {
        let scratch = try TestBackend.mysql.makeScratch()
        let db = try scratch.connect()
        try db.executeScript("""
            CREATE TABLE migrate_version (repository_id VARCHAR(250) NOT NULL, repository_path TEXT, \
            version INTEGER, PRIMARY KEY (repository_id)) ENGINE=InnoDB;
            INSERT INTO migrate_version VALUES ('Glance Migrations', '/usr/lib/glance/migrate_repo', 20);
            CREATE TABLE images (id VARCHAR(36) NOT NULL, PRIMARY KEY (id)) ENGINE=InnoDB;
            INSERT INTO images VALUES ('4a1b6a1c-0000-4000-8000-000000000001')
            """)
        func state() throws -> [[SQLValue]] {
            try db.tableNames().map { [.text($0)] }
                + db.query("SELECT repository_id, version FROM migrate_version").map(\.values)
                + db.query("SELECT id FROM images").map(\.values)
        }
        let before = try state()
        let result = try GlanceManageBinary.run(["--connection", scratch.url] + action)
        #expect(result.status == 1, "\(result)")
        let expected = "ERROR: this is a sqlalchemy-migrate (legacy) Glance database; glance-bridge cannot carry "
            + "legacy databases on mysql yet, nothing was changed"
        let errors = result.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("ERROR:") }
        #expect(errors == [expected], "\(result)")
        #expect(try state() == before)
        #expect(!(try db.tableExists("alembic_version")))
    }
}
