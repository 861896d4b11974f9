/// Problems with the revision graph or with a revision argument. Each case keeps the ids involved.
public enum RevisionError: Error, CustomStringConvertible, Equatable, Sendable {
    case duplicateRevision(String)
    case selfReference(String)
    case unknownDownRevision(String, revision: String)
    case unknownDependency(String, revision: String)
    case duplicateBranchLabel(String, revisions: [String])
    case cycle([String])
    case unknownRevision(String)
    case multipleHeads([String], argument: String)
    case noHeadForBranch(String)

    public var description: String {
        switch self {
        case .duplicateRevision(let id): return "Revision '\(id)' is declared more than once"
        case .selfReference(let id): return "Revision '\(id)' refers to itself"
        case .unknownDownRevision(let down, let id): return "Revision '\(id)' revises unknown revision '\(down)'"
        case .unknownDependency(let dep, let id): return "Revision '\(id)' depends on unknown revision '\(dep)'"
        case .duplicateBranchLabel(let label, let ids): return "Branch label '\(label)' is used by more than one revision: \(ids.joined(separator: ", "))"
        case .cycle(let ids): return "Cycle detected in the revision graph: \(ids.joined(separator: " -> "))"
        case .unknownRevision(let arg): return "Can't locate revision identified by '\(arg)'"
        case .multipleHeads(let heads, let arg): return "Multiple heads are present for given argument '\(arg)'; \(heads.joined(separator: ", "))"
        case .noHeadForBranch(let label): return "No head revision for branch '\(label)'"
        }
    }
}
