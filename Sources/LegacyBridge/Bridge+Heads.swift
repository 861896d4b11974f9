import MigrationEngine

extension Bridge.Plan {
    /// The heads the database is at once this plan has run: the stamped revisions, resolved, or the version
    /// rows with pre-Queens ids read as today's when nothing is stamped. What `--sql` and `db detect`
    /// plan the upgrade from.
    public func headsAfter(_ detection: Detection, in map: RevisionMap) throws -> [String] {
        if let stamped = stampedRevisions { return try stamped.flatMap { try map.resolve($0) } }
        return detection.effectiveHeads
    }
}

extension Bridge.Plan {
    /// How many legacy scripts the plan runs before it stamps (a carry); zero for every other plan.
    public var legacyScriptCount: Int {
        guard case .carry(let version, _) = self else { return 0 }
        return Bridge.carry(from: version).target - version
    }
}
