import DatabaseCore
import MigrationEngine
import Testing
import TestSupport

/// The retry boundary of conflicting writes: a conflict that goes away is retried, never reported; one that
/// persists ends the run with one error that says it was retried, after a bounded number of attempts.
@Suite struct WriteTransactionTests {
    /// Another session holds a row lock for good; the migrating session does not wait for locks, so every
    /// attempt to change that row fails at once (1205, `.busy`).
    @Test func aConflictThatPersistsFailsAfterItsAttemptsSayingSo() throws {
        let scratch = try DataMigrationTests.widgets(.mysql, count: 1)
        let writer = try scratch.connect()
        try writer.begin()
        #expect(try writer.execute("UPDATE widgets SET name = 'held' WHERE id = 1") == 1)
        let db = try scratch.connect()
        try db.executeScript("SET SESSION innodb_lock_wait_timeout = 0")
        var runs = 0
        let error = try #require(throws: DatabaseError.self) {
            try WriteTransaction.runRetryingConflicts(on: db, attempts: 3) { transaction in
                runs += 1
                try transaction.database.execute("UPDATE widgets SET colour = 'red' WHERE id = 1")
            }
        }
        #expect(runs == 3)
        #expect(error.kind == .busy && error.code == "1205")
        #expect(error.message.hasSuffix("(still failing after 3 attempts)"), "\(error.message)")
        #expect(try db.query("SELECT colour FROM widgets WHERE id = 1").first?.values.first == .null)

        // Once the other session lets go, the same body goes through on its first attempt.
        try writer.rollback()
        runs = 0
        try WriteTransaction.runRetryingConflicts(on: db, attempts: 3) { transaction in
            runs += 1
            try transaction.database.execute("UPDATE widgets SET colour = 'red' WHERE id = 1")
        }
        #expect(runs == 1)
    }
}
