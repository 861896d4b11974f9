/// The facts that differ between two schemas, as lines only in the first (`-`) or only in the second (`+`).
public struct SchemaDiff: Hashable, Sendable, CustomStringConvertible {
    public let onlyInFirst: [String]
    public let onlyInSecond: [String]

    public init(_ first: Schema, _ second: Schema) {
        let a = first.factLines, b = second.factLines
        let setA = Set(a), setB = Set(b)
        onlyInFirst = a.filter { !setB.contains($0) }
        onlyInSecond = b.filter { !setA.contains($0) }
    }

    public var isEmpty: Bool { onlyInFirst.isEmpty && onlyInSecond.isEmpty }

    public var description: String {
        if isEmpty { return "(no differences)" }
        return (onlyInFirst.map { "- " + $0 } + onlyInSecond.map { "+ " + $0 }).joined(separator: "\n")
    }
}
