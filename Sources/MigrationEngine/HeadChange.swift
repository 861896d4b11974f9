/// One change to the `alembic_version` rows, worked out before anything is written.
public enum HeadChange: Equatable, Sendable, CustomStringConvertible {
    case insert(String)
    case delete(String)
    case update(from: String, to: String)

    public var description: String {
        switch self {
        case .insert(let id): return "insert \(id)"
        case .delete(let id): return "delete \(id)"
        case .update(let from, let to): return "update \(from) -> \(to)"
        }
    }
}

extension RevisionMap {
    /// The version-row changes for applying `revision` when the table holds `heads` (Alembic's
    /// `HeadMaintainer.update_to_step`): with D its normalised down revisions, no current head in D inserts
    /// a new row; one is updated in place; several are merged: all but the last (in declared order) are
    /// deleted and the last is updated.
    public func headChanges(applying revision: String, to heads: [String]) -> [HeadChange] {
        let current = Set(heads)
        let matching = normalizedDownRevisions(of: revision).filter { current.contains($0) }
        guard let last = matching.last else { return [.insert(revision)] }
        return matching.dropLast().map { .delete($0) } + [.update(from: last, to: revision)]
    }

    /// The version-row changes for stamping `target` (no DDL): every current head on the same line as the
    /// target (its ancestor or descendant) is replaced by the target; heads on unrelated branches stay.
    public func headChanges(stamping target: String, over heads: [String]) -> [HeadChange] {
        let targetAncestry = ancestorsOrSelf(of: target)
        let replaced = heads.filter { targetAncestry.contains($0) || ancestors(of: $0).contains(target) }
        if heads.contains(target) && replaced == [target] { return [] }
        guard let last = replaced.last else { return [.insert(target)] }
        return replaced.dropLast().map { .delete($0) } + (last == target ? [] : [.update(from: last, to: target)])
    }
}

extension Array where Element == String {
    /// The heads after applying `changes`, keeping table order (updated rows keep their place).
    public func applying(_ changes: [HeadChange]) -> [String] {
        var result = self
        for change in changes {
            switch change {
            case .insert(let id): result.append(id)
            case .delete(let id): result.removeAll { $0 == id }
            case .update(let from, let to):
                if let i = result.firstIndex(of: from) { result[i] = to }
            }
        }
        return result
    }
}
