import MigrationEngine

/// Where a database stands in Glance's expand / migrate / contract sequence, from its version rows alone:
/// the one answer that `db check`, `expand`, `migrate`, `contract`, `sync` and `version` read. Whether data
/// migrations are pending is asked only in `expanded`, since those checks can scan whole tables.
enum UpgradePhase: Equatable {
    /// The expand head is not applied (an empty database, or one from an earlier release).
    case beforeExpand
    /// Expanded but not contracted: `db migrate`, then `db contract`, are next.
    case expanded
    /// At the contract head: nothing to do.
    case atHead
}

/// What one step of expand / migrate / contract did. "Up to date" is a result, not an error.
enum StepResult: Equatable {
    /// The step ran (or had nothing of its own to do but the database still needs later steps).
    case done
    /// The whole database was already at head, so this step and every later one have nothing to do.
    case databaseUpToDate
}

extension GlanceDatabase {
    /// The phase of a database whose version rows are `heads`.
    func phase(heads: [String]) -> UpgradePhase {
        let applied = map.ancestorsOrSelf(ofAny: heads)
        if applied.contains(contractHead) { return .atHead }
        return applied.contains(expandHead) ? .expanded : .beforeExpand
    }

    /// The phase now.
    func phase() throws -> UpgradePhase { phase(heads: try heads()) }
}
