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
        // Arguments come from the operator: escaped, so that a newline in one cannot split the error line.
        case .unknownRevision(let arg): return "Can't locate revision identified by '\(arg.escapingControlCharacters)'"
        case .multipleHeads(let heads, let arg):
            return "Multiple heads are present for given argument '\(arg.escapingControlCharacters)'; \(heads.joined(separator: ", "))"
        case .noHeadForBranch(let label): return "No head revision for branch '\(label.escapingControlCharacters)'"
        }
    }
}

extension String {
    /// Control characters written as Swift escapes (`\n`, `\t`, `\u{1B}`), so that the text stays on one line.
    var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return self }
        return String(unicodeScalars.map { scalar -> String in
            guard scalar.properties.generalCategory == .control else { return String(scalar) }
            return scalar.escaped(asASCII: true)
        }.joined())
    }
}
