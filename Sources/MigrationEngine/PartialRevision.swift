import DatabaseCore

/// A revision a run left half-way: possible only where DDL commits statement by statement
/// (`Dialect.hasTransactionalDDL` false, MySQL/MariaDB), so that a run killed inside a revision keeps the
/// statements before that point while the revision's version row, written last, is missing.
///
/// Nothing records the progress: Glance's schema has no table for it, and a database must stay one that
/// Glance itself can read. It is recognised instead, by comparing the live schema with the states the
/// `SchemaSimulator` computes between the revision's operations (`Migrator.partialRevision`).
public struct PartialRevision: Sendable, Equatable, CustomStringConvertible {
    public let revision: String
    /// How many of the revision's operations, from the first, the live schema shows as done.
    public let operationsApplied: Int
    public let operationCount: Int

    public init(revision: String, operationsApplied: Int, operationCount: Int) {
        self.revision = revision
        self.operationsApplied = operationsApplied
        self.operationCount = operationCount
    }

    public var description: String {
        "revision \(revision) is partly applied (\(operationsApplied) of \(operationCount) operations done, "
            + "its version row not yet written)"
    }
}
