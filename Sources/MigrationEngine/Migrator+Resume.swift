import DatabaseCore

/// Resuming a revision that a killed run left half-way, on a dialect whose DDL is not transactional.
///
/// A revision's operations each render to one statement there (`MySQLRenderer` joins the changes of one
/// `alterTable` into a single ALTER TABLE), and each DDL statement commits. Between two operations the
/// schema is therefore one of the states the simulator computes: S0 (the schema at the recorded heads),
/// S1 after the first operation, …, Sn after the last. The live schema says which one; the runner then
/// skips the operations already done and writes the version row as usual. Data steps need no record:
/// data migrations run only while their pending query says so, and `.sql` statements (which leave the
/// schema as it was, so a resumed run cannot tell whether they ran) must be idempotent; the runner
/// re-runs them by resuming at the first state that matches. A fused step (Migrator+Fusion.swift) is
/// recognised the same way, from the states between its operations.
extension Migrator {
    /// The revision the live schema shows partly applied on top of `heads`, or nil when there is none
    /// (always nil where DDL is transactional: no introspection is done there). Never writes.
    ///
    /// Only the objects the revision changes are compared (those of any fact line in which a state differs
    /// from S0), so what the revision never touches (a legacy residue, an extra table) cannot hide its
    /// progress, and an object it touches that was changed otherwise matches no state.
    /// - Parameter options: the options of the run that may have been killed (`.online` adds triggers).
    /// - Throws: `MigrationError.unrecognisedPartialRevision` when the facts a pending revision changes
    ///   match none of its states: something else changed them, and resuming would guess.
    public func partialRevision(in database: any Database, heads: [String],
                                options: UpgradeOptions = []) throws -> PartialRevision? {
        let dialect = database.dialect
        guard !dialect.hasTransactionalDDL else { return nil }
        let candidates = readyRevisions(after: heads, dialect: dialect, options: options)
        guard !candidates.isEmpty else { return nil }
        let live = Set(try database.introspect().excluding(tables: [versionTable.name]).factLines)
        let simulator = SchemaSimulator(dialect: dialect)
        // A database at `heads` was built offline or online (triggers between expand and contract), by the
        // chain or by another history the caller knows (a legacy database stamped onto the chain).
        // The others are simulated only if the chain's own match no state (legacy scripts are many).
        let chain = [simulator.schema(at: heads, in: map), simulator.schema(at: heads, in: map, options: .online)]
        let bases = [{ chain }, { otherSchemas(heads, dialect) }].lazy.flatMap { $0() }
        var unrecognised: String?
        for revision in candidates {
            let operations = revision.operations(for: dialect, options: options)
            guard let done = bases.compactMap({
                Self.operationsDone(operations, from: $0, live: live, simulator)
            }).first else {
                unrecognised = unrecognised ?? revision.id
                continue
            }
            if done > 0 {
                return PartialRevision(revision: revision.id, operationsApplied: done, operationCount: operations.count)
            }
        }
        // A run that fused a ready revision with a later one (Migrator+Fusion.swift) leaves the states of that
        // step; only those past what it shares with the plain revision are new. The fused step is computed as
        // the run computed it, from the heads (whether the run fused it also depended on rows; a reader
        // cannot know, so it considers it either way).
        let run = map.upgradePlan(from: heads, to: map.heads)
        for revision in candidates {
            guard let step = try fusion(for: revision, in: run, heads: heads, dialect: dialect)?.step else { continue }
            let operations = step.operations
            if let done = bases.compactMap({ Self.operationsDone(operations, from: $0, live: live, simulator) }).first,
               done > 0 {
                return PartialRevision(revision: revision.id, fusedWith: step.fusedWith, operationsApplied: done,
                                       operationCount: operations.count)
            }
        }
        if let unrecognised { throw MigrationError.unrecognisedPartialRevision(unrecognised) }
        return nil
    }

    /// The revisions that could be the next one applied over `heads`: those with operations whose
    /// ancestors are all applied or have nothing to do (empty revisions share their predecessor's commit).
    func readyRevisions(after heads: [String], dialect: Dialect, options: UpgradeOptions) -> [Revision] {
        let applied = map.ancestorsOrSelf(ofAny: heads)
        let pending = map.upgradePlan(from: heads, to: map.heads)
        let empty = Set(pending.filter { $0.isEmpty(for: dialect, options: options) }.map(\.id))
        return pending.filter { revision in
            !revision.isEmpty(for: dialect, options: options)
                && map.ancestors(of: revision.id).allSatisfy { applied.contains($0) || empty.contains($0) }
        }
    }

    /// The smallest k whose simulated state Sk agrees with `live` on every object the operations change
    /// (each fact about it, `Schema.factKey`: a column added with another type is no state), or nil when
    /// none does. The smallest, so that operations that leave the schema as it was (`.sql`,
    /// `DROP TRIGGER IF EXISTS` of an absent trigger) run again rather than being assumed done.
    static func operationsDone(_ operations: [Operation], from base: Schema, live: Set<String>,
                               _ simulator: SchemaSimulator) -> Int? {
        var states = [Set(base.factLines)]
        var schema = base
        for operation in operations {
            simulator.apply(operation, to: &schema)
            states.append(Set(schema.factLines))
        }
        let changed = Set(states.flatMap { $0.symmetricDifference(states[0]) }.map { Schema.factKey(of: $0) })
        func touched(_ facts: Set<String>) -> Set<String> { facts.filter { changed.contains(Schema.factKey(of: $0)) } }
        let seen = touched(live)
        return states.firstIndex { touched($0) == seen }
    }
}

extension Revision {
    /// Whether the revision has nothing to run on `dialect`: no operation, no data prerequisite.
    public func isEmpty(for dialect: Dialect, options: UpgradeOptions) -> Bool {
        operations(for: dialect, options: options).isEmpty && requiresData.isEmpty
    }
}
