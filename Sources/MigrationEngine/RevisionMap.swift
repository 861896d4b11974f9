/// The revision graph, built from a list of `Revision` values and validated once. It answers every graph
/// question (heads, branch heads, ancestry, resolution of ids and labels, upgrade plans); nothing else in
/// the engine branches on the name of a particular revision.
public struct RevisionMap: Sendable {
    public let revisions: [Revision]
    private let byID: [String: Revision]
    private let labelOwner: [String: String]
    /// Revisions whose down revision is the key (dependencies are not children).
    private let children: [String: [String]]

    /// - Throws: `RevisionError` for a duplicate id, a self-loop, an unknown down revision or dependency,
    ///   a reused branch label, or a cycle.
    public init(_ revisions: [Revision]) throws {
        var byID: [String: Revision] = [:]
        for revision in revisions {
            guard byID[revision.id] == nil else { throw RevisionError.duplicateRevision(revision.id) }
            if revision.downRevisions.contains(revision.id) || revision.dependsOn.contains(revision.id) {
                throw RevisionError.selfReference(revision.id)
            }
            byID[revision.id] = revision
        }
        var labelOwner: [String: String] = [:]
        var children: [String: [String]] = [:]
        for revision in revisions {
            for down in revision.downRevisions {
                guard byID[down] != nil else { throw RevisionError.unknownDownRevision(down, revision: revision.id) }
                children[down, default: []].append(revision.id)
            }
            for dep in revision.dependsOn where byID[dep] == nil && labelOwner[dep] == nil {
                if !revisions.contains(where: { $0.branchLabels.contains(dep) }) {
                    throw RevisionError.unknownDependency(dep, revision: revision.id)
                }
            }
            for label in revision.branchLabels {
                if let other = labelOwner[label] { throw RevisionError.duplicateBranchLabel(label, revisions: [other, revision.id]) }
                labelOwner[label] = revision.id
            }
        }
        self.revisions = revisions
        self.byID = byID
        self.labelOwner = labelOwner
        self.children = children
        try checkForCycles()
    }

    public func revision(_ id: String) -> Revision? { byID[id] }

    /// Revisions that no other revision revises, in declaration order.
    public var heads: [String] { revisions.filter { children[$0.id] == nil }.map(\.id) }

    /// Down revisions plus dependencies (labels resolved to the revision carrying them).
    public func parents(of id: String) -> [String] {
        guard let revision = byID[id] else { return [] }
        return revision.downRevisions + revision.dependsOn.map { labelOwner[$0] ?? $0 }
    }

    /// Every ancestor of `id` through down revisions and dependencies, excluding `id` itself.
    public func ancestors(of id: String) -> Set<String> {
        var seen: Set<String> = []
        var stack = parents(of: id)
        while let next = stack.popLast() {
            if seen.insert(next).inserted { stack.append(contentsOf: parents(of: next)) }
        }
        return seen
    }

    /// `id`'s ancestors and `id`.
    public func ancestorsOrSelf(of id: String) -> Set<String> { ancestors(of: id).union([id]) }

    /// The revisions on a branch: the one carrying the label and its descendants through down revisions.
    public func members(ofBranch label: String) -> [String] {
        guard let root = labelOwner[label] else { return [] }
        var result: [String] = []
        var stack = [root]
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: children[next] ?? [])
        }
        return result
    }

    /// The head of a branch (`expand@head`), as Alembic's `get_current_head(branch)`.
    /// - Throws: `RevisionError.noHeadForBranch`, or `.multipleHeads` if the branch forks.
    public func head(ofBranch label: String) throws -> String {
        let members = Set(self.members(ofBranch: label))
        let branchHeads = revisions.map(\.id).filter { members.contains($0) && (children[$0] ?? []).allSatisfy { !members.contains($0) } }
        guard let head = branchHeads.first else { throw RevisionError.noHeadForBranch(label) }
        guard branchHeads.count == 1 else { throw RevisionError.multipleHeads(branchHeads, argument: label + "@head") }
        return head
    }

    /// Resolves a revision argument: an id, a branch label (the revision carrying it), `label@head`,
    /// `head` (only when there is one head) or `heads`/`base`.
    /// - Returns: the target revision ids (empty for `base`).
    public func resolve(_ argument: String) throws -> [String] {
        switch argument {
        case "heads": return heads
        case "head":
            guard heads.count == 1 else { throw RevisionError.multipleHeads(heads, argument: argument) }
            return heads
        case "base": return []
        default: break
        }
        if argument.hasSuffix("@head") {
            return [try head(ofBranch: String(argument.dropLast(5)))]
        }
        if byID[argument] != nil { return [argument] }
        if let owner = labelOwner[argument] { return [owner] }
        throw RevisionError.unknownRevision(argument)
    }

    /// The revisions to apply to go from `currentHeads` to `targets`, in an order where every revision
    /// comes after its down revisions and dependencies: the targets' ancestors-or-self that are not
    /// already ancestors-or-self of a current head.
    public func upgradePlan(from currentHeads: [String], to targets: [String]) -> [Revision] {
        var applied: Set<String> = []
        for head in currentHeads { applied.formUnion(ancestorsOrSelf(of: head)) }
        var ordered: [String] = []
        var visited: Set<String> = []
        func visit(_ id: String) {
            guard !applied.contains(id), visited.insert(id).inserted else { return }
            for parent in parents(of: id) { visit(parent) }
            ordered.append(id)
        }
        for target in targets { visit(target) }
        return ordered.compactMap { byID[$0] }
    }

    /// Down revisions plus those dependencies that are not already ancestors of a down revision
    /// (Alembic's `_normalized_down_revisions`), resolved to ids, in declared order.
    public func normalizedDownRevisions(of id: String) -> [String] {
        guard let revision = byID[id] else { return [] }
        var downAncestry: Set<String> = []
        for down in revision.downRevisions { downAncestry.formUnion(ancestorsOrSelf(of: down)) }
        let deps = revision.dependsOn.map { labelOwner[$0] ?? $0 }.filter { !downAncestry.contains($0) }
        return revision.downRevisions + deps
    }

    private func checkForCycles() throws {
        var state: [String: Int] = [:] // 1 = on stack, 2 = done
        func visit(_ id: String, _ path: [String]) throws {
            if state[id] == 2 { return }
            if state[id] == 1 { throw RevisionError.cycle(path + [id]) }
            state[id] = 1
            for parent in parents(of: id) { try visit(parent, path + [id]) }
            state[id] = 2
        }
        for revision in revisions { try visit(revision.id, []) }
    }
}
