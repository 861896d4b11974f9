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
    /// The later revisions applied in the same step (`Migrator.fusion`); empty for a plain revision.
    public let fusedWith: [String]
    /// How many of the revision's operations, from the first, the live schema shows as done.
    public let operationsApplied: Int
    public let operationCount: Int

    public init(revision: String, fusedWith: [String] = [], operationsApplied: Int, operationCount: Int) {
        self.revision = revision
        self.fusedWith = fusedWith
        self.operationsApplied = operationsApplied
        self.operationCount = operationCount
    }

    public var description: String {
        guard !fusedWith.isEmpty else {
            return "revision \(revision) is partly applied (\(operationsApplied) of \(operationCount) operations done, "
                + "its version row not yet written)"
        }
        return "revisions \(([revision] + fusedWith).joined(separator: " and ")), applied as one step, are partly "
            + "applied (\(operationsApplied) of \(operationCount) operations done, their version rows not yet written)"
    }
}
