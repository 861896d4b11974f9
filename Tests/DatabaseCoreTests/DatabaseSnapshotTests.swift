import DatabaseCore
import Testing
import TestSupport

/// The "nothing changed" oracle must itself be able to fail: a change that keeps every row count and the
/// whole catalog (an `UPDATE alembic_version`) is caught on every backend, and an untouched or rolled-back
/// database is not reported as changed.
@Suite struct DatabaseSnapshotTests {
    private func versionedDatabase(_ backend: TestBackend) throws -> (ScratchDatabase, any Database) {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try db.executeScript("""
            CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,
                CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
            INSERT INTO alembic_version (version_num) VALUES ('2024_1_expand01');
            CREATE TABLE images (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(20));
            CREATE INDEX ix_images_name ON images (name);
            INSERT INTO images (id, name) VALUES (1, 'a'), (2, NULL);
            """)
        return (scratch, db)
    }

    @Test(arguments: TestBackend.all)
    func aCommittedVersionUpdateIsCaught(_ backend: TestBackend) throws {
        let (scratch, db) = try versionedDatabase(backend)
        let before = try DatabaseSnapshot(scratch)
        try db.execute("UPDATE alembic_version SET version_num = '2024_1_contract01'")
        #expect(try DatabaseSnapshot(scratch) != before)
    }

    @Test(arguments: TestBackend.all)
    func aNullBecomingTheTextNULLIsCaught(_ backend: TestBackend) throws {
        let (scratch, db) = try versionedDatabase(backend)
        let before = try DatabaseSnapshot(scratch)
        try db.execute("UPDATE images SET name = 'NULL' WHERE id = 2")
        #expect(try DatabaseSnapshot(scratch) != before)
    }

    @Test(arguments: TestBackend.all)
    func anUntouchedOrRolledBackDatabaseIsUnchanged(_ backend: TestBackend) throws {
        let (scratch, db) = try versionedDatabase(backend)
        let before = try DatabaseSnapshot(scratch)
        #expect(try DatabaseSnapshot(scratch) == before)
        try db.begin()
        try db.execute("UPDATE alembic_version SET version_num = 'x'")
        try db.execute("INSERT INTO images (id, name) VALUES (3, 'c')")
        // DDL rolls back only where it is transactional; MySQL would commit the transaction right here.
        if TestBackend.transactionalDDL.contains(backend) { try db.execute("DROP INDEX ix_images_name") }
        try db.rollback()
        #expect(try DatabaseSnapshot(scratch) == before)
    }

    @Test(arguments: [TestBackend.postgresql, .mysql])
    func aChangedIndexDefinitionIsCaught(_ backend: TestBackend) throws {
        let (scratch, db) = try versionedDatabase(backend)
        let before = try DatabaseSnapshot(scratch)
        try db.executeScript(backend == .mysql
            ? "DROP INDEX ix_images_name ON images; CREATE UNIQUE INDEX ix_images_name ON images (name)"
            : "DROP INDEX ix_images_name; CREATE UNIQUE INDEX ix_images_name ON images (name)")
        #expect(try DatabaseSnapshot(scratch) != before)
    }
}
