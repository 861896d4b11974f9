import DatabaseCore

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

    /// Runs `body` in one write transaction on `database` (`Database.beginWriteStatement`).
    public static func run<T>(on database: any Database, _ body: (WriteTransaction) throws -> T) throws -> T {
        try database.inTransaction { try body(WriteTransaction(database)) }
    }
}
