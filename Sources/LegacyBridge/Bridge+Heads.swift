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
