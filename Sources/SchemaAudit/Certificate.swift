import DatabaseCore

/// The outcome of one comparison: what was compared, on what data, and every difference classified.
public struct Certificate: Sendable {
    public let pair: String
    public let dialect: Dialect
    public let seed: UInt64
    public let rowCounts: [String: Int]
    public let legacyFingerprint: String
    public let alembicFingerprint: String
    public let differences: [Difference]

    public var unexpected: [Difference] { differences.filter(\.isUnexpected) }
    public var known: [Difference] { differences.filter { !$0.isUnexpected } }

    public var verdict: String {
        if differences.isEmpty { return "identical" }
        return unexpected.isEmpty ? "equivalent (known differences only)" : "NOT equivalent"
    }

    /// A readable report, one difference per line.
    public var report: [String] {
        var lines = ["\(pair) on \(dialect) (seed \(seed), \(rowCounts.values.reduce(0, +)) rows): \(verdict)"]
        for difference in known {
            lines.append("  known      \(difference.kind.rawValue) \(difference.side.rawValue): \(difference.fact)")
            lines.append("             because \(difference.knownBecause ?? "")")
        }
        for difference in unexpected {
            lines.append("  UNEXPECTED \(difference.kind.rawValue) \(difference.side.rawValue): \(difference.fact)")
        }
        return lines
    }

    /// The JSON certificate as a plain dictionary (serialised by the CLI).
    public var json: [String: Any] {
        [
            "pair": pair,
            "dialect": dialect.rawValue,
            "seed": seed,
            "row_counts": rowCounts,
            "fingerprints": ["legacy": legacyFingerprint, "alembic": alembicFingerprint],
            "verdict": verdict,
            "differences": differences.map {
                ["kind": $0.kind.rawValue, "side": $0.side.rawValue, "fact": $0.fact,
                 "classification": $0.isUnexpected ? "unexpected" : "known", "reason": $0.knownBecause ?? ""] as [String: Any]
            },
        ]
    }
}
