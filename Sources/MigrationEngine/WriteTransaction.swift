import DatabaseCore
#if canImport(Glibc)
import Glibc
#endif

/// An open write transaction. Steps that must commit together with others (a legacy carry, a stamp, a
/// set-based data migration) take one as their first argument instead of trusting that their caller
/// opened a transaction: the only way to get one is `run(on:_:)`, which begins, runs the body, and
/// commits, or rolls back if the body throws.
///
/// ```swift
/// try WriteTransaction.run(on: database) { transaction in
///     try LegacyMigrator().upgrade(transaction, from: 20, to: 42)
///     try migrator.stamp(transaction, to: ["liberty"])
/// }
/// ```
public final class WriteTransaction {
    public let database: any Database

    private init(_ database: any Database) {
        self.database = database
    }

    /// Makes what follows commit together again after statements that may have ended the transaction:
    /// DDL on MySQL commits it and leaves the session in autocommit, so that a revision's version-row
    /// changes (a merge deletes one row and updates another) would otherwise commit one by one and a crash
    /// between them would lose a head. Begins a new transaction when the database says none is open; does
    /// nothing where DDL cannot end one (`Dialect.openTransactionQuery`).
    public func reopenIfCommitted() throws {
        guard let probe = database.dialect.openTransactionQuery else { return }
        guard let open = try database.query(probe).first?.values.first?.intValue else {
            throw DatabaseError(kind: .statementFailed, code: "", message: "\(probe) returned no number", sql: probe)
        }
        if open == 0 { try database.begin() }
    }

    /// Runs `body` in one write transaction on `database` (`Database.beginWriteStatement`).
    public static func run<T>(on database: any Database, _ body: (WriteTransaction) throws -> T) throws -> T {
        try database.inTransaction { try body(WriteTransaction(database)) }
    }

    /// Runs `body` as `run(on:_:)` does, and again (up to `attempts` times in all) when the database aborts
    /// the transaction for a conflict with another writer (`.busy`: a deadlock, a lock wait timeout, or on
    /// Galera a certification failure at commit, error 1213, which concurrent writes through other nodes
    /// cause routinely, or a brute-force abort by such a write applied here while the body holds a lock it
    /// needs). Each abort rolled everything back, so running the body again is the whole remedy. A conflict
    /// that outlasts every attempt is thrown with its attempts counted in the message, so that it reads as
    /// what it is: a body that kept losing (then keep its locks to its own rows), not one stray error.
    /// - Warning: only for bodies that change rows, never schema: DDL commits at once on MySQL and would not
    ///   roll back with the aborted transaction.
    public static func runRetryingConflicts<T>(on database: any Database, attempts: Int = 100,
                                               _ body: (WriteTransaction) throws -> T) throws -> T {
        for attempt in 1... {
            do {
                return try run(on: database, body)
            } catch let error as DatabaseError where error.kind == .busy {
                guard attempt < attempts else {
                    throw DatabaseError(kind: error.kind, code: error.code,
                                        message: error.message + " (still failing after \(attempts) attempts)",
                                        sql: error.sql, sqlState: error.sqlState)
                }
                // A little longer each time (up to 0.1 s), so the other writer gets through.
                usleep(UInt32(min(5_000 * attempt, 100_000)))
            }
        }
        preconditionFailure("the loop returns or throws")
    }
}
