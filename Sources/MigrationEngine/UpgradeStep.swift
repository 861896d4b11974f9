import DatabaseCore

/// What the runner applies and records as one: a revision, or a revision fused with a later revision of
/// the same run that erases one of its alterations (`Migrator.fusedStep`): the first revision's operations
/// less the dead alteration, then the later revision's data prerequisites and operations. The version rows
/// of all its revisions are written at the end, so a recorded version always means its exact simulated
/// schema.
public struct UpgradeStep: Sendable, Hashable {
    /// One revision's share of the step: its data prerequisites run before its operations.
    public struct Segment: Sendable, Hashable {
        public let revision: Revision
        public let operations: [Operation]
    }

    public let segments: [Segment]

    /// A revision on its own, with every operation it runs with `options`.
    public init(_ revision: Revision, dialect: Dialect, options: UpgradeOptions) {
        segments = [Segment(revision: revision, operations: revision.operations(for: dialect, options: options))]
    }

    init(segments: [Segment]) {
        self.segments = segments
    }

    public var first: Revision { segments[0].revision }
    public var revisions: [Revision] { segments.map(\.revision) }
    /// The revisions applied together with the first (none for a plain step).
    public var fusedWith: [String] { segments.dropFirst().map(\.revision.id) }
    public var operations: [Operation] { segments.flatMap(\.operations) }

    /// The step without the segments of revisions already applied (a concurrent run that did not fuse may
    /// have applied the first); nil when nothing is left. A later segment carries its revision's operations
    /// unchanged, so what remains is still exact.
    func remaining(after applied: Set<String>) -> UpgradeStep? {
        let left = segments.filter { !applied.contains($0.revision.id) }
        return left.isEmpty ? nil : UpgradeStep(segments: left)
    }
}
