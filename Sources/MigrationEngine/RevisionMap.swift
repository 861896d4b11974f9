/// The revision graph, built from a list of `Revision` values and validated once. It answers every graph
/// question (heads, branch heads, ancestry, resolution of ids and labels, upgrade plans); nothing else in
/// the engine branches on the name of a particular revision.
public struct RevisionMap: Sendable {
    public let revisions: [Revision]
    // The graph is kept by position in `revisions`, with sorted arrays for the ids and labels rather than
    // dictionaries: `db version` builds this map at every start, and the first `Dictionary` or `Set` the
    // process touches costs the Swift runtime a scan of every protocol conformance in the binary, a twentieth
    // of that start-up (BENCHMARKS.md, start-up).
    private let ids: PositionIndex
    /// The revision carrying each branch label.
    private let labels: PositionIndex
    /// Per revision: its down revisions, then its dependencies (labels resolved to their revision).
    private let parentPositions: [[Int]]
    /// Per revision: the revisions whose down revision it is (dependencies are not children), in
    /// declaration order.
    private let childPositions: [[Int]]

    /// - Throws: `RevisionError` for a duplicate id, a self-loop, an unknown down revision or dependency,
    ///   a reused branch label, or a cycle; the first one in declaration order.
    public init(_ revisions: [Revision]) throws {
        let ids = PositionIndex(revisions.indices.map { (revisions[$0].id, $0) })
        for i in revisions.indices {
            let revision = revisions[i]
            guard ids[revision.id] == i else { throw RevisionError.duplicateRevision(revision.id) }
            if revision.downRevisions.contains(revision.id) || revision.dependsOn.contains(revision.id) {
                throw RevisionError.selfReference(revision.id)
            }
        }
        let labels = PositionIndex(revisions.indices.flatMap { i in revisions[i].branchLabels.map { ($0, i) } })
        var childPositions = [[Int]](repeating: [], count: revisions.count)
        for i in revisions.indices {
            let revision = revisions[i]
            for down in revision.downRevisions {
                guard let parent = ids[down] else {
                    throw RevisionError.unknownDownRevision(down, revision: revision.id)
                }
                childPositions[parent].append(i)
            }
            for dep in revision.dependsOn where ids[dep] == nil && labels[dep] == nil {
                throw RevisionError.unknownDependency(dep, revision: revision.id)
            }
            for k in revision.branchLabels.indices {
                let label = revision.branchLabels[k]
                // The index holds the first revision declaring the label; this one declares it too.
                let owner = labels[label] ?? i
                if owner != i || revision.branchLabels[..<k].contains(label) {
                    throw RevisionError.duplicateBranchLabel(label, revisions: [revisions[owner].id, revision.id])
                }
            }
        }
        // Every down revision and dependency is known now (a dependency names a revision or a label; a label
        // wins, as Alembic resolves it).
        self.parentPositions = revisions.map { revision in
            revision.downRevisions.compactMap { ids[$0] } + revision.dependsOn.compactMap { labels[$0] ?? ids[$0] }
        }
        self.revisions = revisions
        self.ids = ids
        self.labels = labels
        self.childPositions = childPositions
        try checkForCycles()
    }

    public func revision(_ id: String) -> Revision? { ids[id].map { revisions[$0] } }

    /// Revisions that no other revision revises, in declaration order.
    public var heads: [String] { revisions.indices.filter { childPositions[$0].isEmpty }.map { revisions[$0].id } }

    /// Down revisions plus dependencies (labels resolved to the revision carrying them).
    public func parents(of id: String) -> [String] {
        guard let i = ids[id] else { return [] }
        return parentPositions[i].map { revisions[$0].id }
    }

    /// Every ancestor of `id` through down revisions and dependencies, excluding `id` itself.
    public func ancestors(of id: String) -> Set<String> {
        guard let i = ids[id] else { return [] }
        let reached = ancestorFlags(of: i)
        return Set(revisions.indices.filter { reached[$0] }.map { revisions[$0].id })
    }

    /// Whether `ancestor` is one of `id`'s ancestors: `ancestors(of: id).contains(ancestor)` without the set.
    public func isAncestor(_ ancestor: String, of id: String) -> Bool {
        guard let i = ids[id], let a = ids[ancestor] else { return false }
        return ancestorFlags(of: i)[a]
    }

    /// Per position, whether that revision is an ancestor of the one at `start`.
    private func ancestorFlags(of start: Int) -> [Bool] {
        var reached = [Bool](repeating: false, count: revisions.count)
        var stack = parentPositions[start]
        while let next = stack.popLast() {
            if !reached[next] {
                reached[next] = true
                stack.append(contentsOf: parentPositions[next])
            }
        }
        return reached
    }

    /// `id`'s ancestors and `id`.
    public func ancestorsOrSelf(of id: String) -> Set<String> { ancestors(of: id).union([id]) }

    /// The revisions on a branch: the one carrying the label and its descendants through down revisions.
    public func members(ofBranch label: String) -> [String] {
        guard let root = labels[label] else { return [] }
        var result: [String] = []
        var stack = [root]
        while let next = stack.popLast() {
            result.append(revisions[next].id)
            stack.append(contentsOf: childPositions[next])
        }
        return result
    }

    /// The head of a branch (`expand@head`), as Alembic's `get_current_head(branch)`.
    /// - Throws: `RevisionError.noHeadForBranch`, or `.multipleHeads` if the branch forks.
    public func head(ofBranch label: String) throws -> String {
        let members = Set(self.members(ofBranch: label))
        let branchHeads = revisions.indices.filter { i in
            members.contains(revisions[i].id) && childPositions[i].allSatisfy { !members.contains(revisions[$0].id) }
        }.map { revisions[$0].id }
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
        if ids[argument] != nil { return [argument] }
        if let owner = labels[argument] { return [revisions[owner].id] }
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
        return ordered.compactMap { revision($0) }
    }

    /// Down revisions plus those dependencies that are not already ancestors of a down revision
    /// (Alembic's `_normalized_down_revisions`), resolved to ids, in declared order.
    public func normalizedDownRevisions(of id: String) -> [String] {
        guard let revision = revision(id) else { return [] }
        var downAncestry: Set<String> = []
        for down in revision.downRevisions { downAncestry.formUnion(ancestorsOrSelf(of: down)) }
        let deps = revision.dependsOn.map { labels[$0].map { revisions[$0].id } ?? $0 }
            .filter { !downAncestry.contains($0) }
        return revision.downRevisions + deps
    }

    /// A depth-first walk through parents from every revision in declaration order; the error holds the
    /// path from where the walk started to the revision met again.
    private func checkForCycles() throws {
        var state = [UInt8](repeating: 0, count: revisions.count) // 1 = on the path, 2 = done
        var path: [Int] = []
        func visit(_ i: Int) throws {
            if state[i] == 2 { return }
            if state[i] == 1 { throw RevisionError.cycle((path + [i]).map { revisions[$0].id }) }
            state[i] = 1
            path.append(i)
            for parent in parentPositions[i] { try visit(parent) }
            path.removeLast()
            state[i] = 2
        }
        for i in revisions.indices { try visit(i) }
    }
}

/// Keys (revision ids or branch labels) with the position of the revision declaring them, sorted for binary
/// search; a key declared twice answers with its first position.
private struct PositionIndex: Sendable {
    private let entries: [(key: String, position: Int)]

    init(_ pairs: [(String, Int)]) {
        entries = pairs.map { (key: $0.0, position: $0.1) }
            .sorted { $0.key < $1.key || ($0.key == $1.key && $0.position < $1.position) }
    }

    subscript(key: String) -> Int? {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].key == key ? entries[low].position : nil
    }
}
