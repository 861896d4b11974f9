/// The facts that differ between two schemas, as lines only in the first (`-`) or only in the second (`+`).
public struct SchemaDiff: Hashable, Sendable, CustomStringConvertible {
    public let onlyInFirst: [String]
    public let onlyInSecond: [String]

    /// Differences count repeated facts (a CHECK present twice in one schema and once in the other is a
    /// difference), so a diff is empty exactly when the fingerprints are equal.
    public init(_ first: Schema, _ second: Schema) {
        onlyInFirst = Self.subtracting(second.factLines, from: first.factLines)
        onlyInSecond = Self.subtracting(first.factLines, from: second.factLines)
    }

    private static func subtracting(_ b: [String], from a: [String]) -> [String] {
        var remaining = Dictionary(b.map { ($0, 1) }, uniquingKeysWith: +)
        return a.filter { line in
            if let n = remaining[line], n > 0 { remaining[line] = n - 1; return false }
            return true
        }
    }

    public var isEmpty: Bool { onlyInFirst.isEmpty && onlyInSecond.isEmpty }

    public var description: String {
        if isEmpty { return "(no differences)" }
        return (onlyInFirst.map { "- " + $0 } + onlyInSecond.map { "+ " + $0 }).joined(separator: "\n")
    }
}
