/// The facts that differ between two schemas, as lines only in the first (`-`) or only in the second (`+`).
public struct SchemaDiff: Hashable, Sendable, CustomStringConvertible {
    public let onlyInFirst: [String]
    public let onlyInSecond: [String]

    /// Differences count repeated facts (a CHECK present twice in one schema and once in the other is a
    /// difference), so a diff is empty exactly when the fingerprints are equal.
    public init(_ first: Schema, _ second: Schema) {
        onlyInFirst = first.factLines.removingOnce(second.factLines)
        onlyInSecond = second.factLines.removingOnce(first.factLines)
    }

    public var isEmpty: Bool { onlyInFirst.isEmpty && onlyInSecond.isEmpty }

    public var description: String {
        if isEmpty { return "(no differences)" }
        return (onlyInFirst.map { "- " + $0 } + onlyInSecond.map { "+ " + $0 }).joined(separator: "\n")
    }
}

extension Array where Element: Hashable {
    /// Multiset difference: each element of `other` cancels one equal element of `self`, so repeats count.
    public func removingOnce(_ other: [Element]) -> [Element] {
        var remaining = Dictionary(other.map { ($0, 1) }, uniquingKeysWith: +)
        return filter { element in
            if let n = remaining[element], n > 0 { remaining[element] = n - 1; return false }
            return true
        }
    }
}
