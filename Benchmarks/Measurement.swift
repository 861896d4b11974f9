import Foundation

/// What a benchmark promises: a wall-time ceiling, a ratio to the hand-written floor, flat memory, or
/// nothing (reported for information).
enum Target: Sendable {
    case none
    case wallUnder(Duration)
    case floorRatioAtMost(Double, fromSize: Int)
    case growthAtMost(Double)
    /// A target that is not a time; the row sets `verdict`.
    case described(String)

    var text: String {
        switch self {
        case .none: return "—"
        case .wallUnder(let limit): return "< \(Report.format(limit))"
        case .floorRatioAtMost(let ratio, let size):
            return "≤ \(Report.format(ratio))× floor" + (size > 0 ? " (at N ≥ \(Report.formatCount(size)))" : "")
        case .growthAtMost(let ratio): return "flat in N (≤ \(Report.format(ratio))×)"
        case .described(let text): return text
        }
    }
}

/// One row of the results table.
struct Measurement: Sendable {
    let benchmark: String
    let backend: BenchBackend
    /// Images in the database, nil where the benchmark does not depend on N.
    let size: Int?
    let wall: Duration
    let peakRSSMiB: Double
    let floor: Duration?
    let target: Target
    /// The run was killed at `wall` (the timeout).
    var timedOut = false
    /// Overrides the computed verdict (used by rows that are not a time, such as memory growth).
    var verdict: Bool?

    var ratio: Double? {
        // A zero wall time is a row without a time of ours (a count, such as rebuilds of `images`): no ratio.
        guard let floor, floor > .zero, wall > .zero else { return nil }
        return wall / floor
    }

    /// Whether the target is met; nil when there is none or it does not apply at this size.
    var met: Bool? {
        if let verdict { return verdict }
        if timedOut { return false }
        switch target {
        case .none, .growthAtMost, .described: return nil
        case .wallUnder(let limit): return wall < limit
        case .floorRatioAtMost(let limit, let fromSize):
            guard let ratio, (size ?? 0) >= fromSize else { return nil }
            return ratio <= limit
        }
    }
}

/// Runs a command several times: the median wall time and the largest peak resident set.
struct Repeated {
    let runs: [ChildRun]

    var medianWall: Duration { runs.map(\.wall).sorted()[runs.count / 2] }
    var peakRSSMiB: Double { runs.map(\.peakRSSMiB).max() ?? 0 }
}
