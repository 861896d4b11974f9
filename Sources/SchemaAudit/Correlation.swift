import DatabaseCore

/// Which legacy (sqlalchemy-migrate) versions correspond to which Alembic revisions, as data.
public struct Correlation: Sendable, Hashable, CustomStringConvertible {
    /// The pair's name on the command line: `045`, `043`, `001-042`.
    public let name: String
    /// Legacy versions run on the old side, in order.
    public let legacyVersions: ClosedRange<Int>
    /// The legacy version both sides start from (0 = empty database under version control).
    public var legacyStart: Int { legacyVersions.lowerBound - 1 }
    /// The Alembic revision both sides start from, nil for an empty database.
    public let alembicStart: String?
    /// The Alembic path on the new side, with `data:<id>` marking a data migration step.
    public let alembicSteps: [String]
    /// Glance's own wording of the relation.
    public let note: String
    /// Rows one side ends with that the other does not, and why. (Schema differences are computed.)
    public var expectedRows: [ExpectedRows] = []

    /// Rows of `table` that only `side` has after the pair's steps.
    public struct ExpectedRows: Sendable, Hashable {
        public let table: String
        public let side: Difference.Side
        public let because: String
    }

    public var description: String {
        let legacy = legacyVersions.count == 1 ? legacyVersions.lowerBound.zeroPadded(3)
            : "\(legacyVersions.lowerBound.zeroPadded(3))-\(legacyVersions.upperBound.zeroPadded(3))"
        return "\(legacy) <-> \(alembicSteps.joined(separator: " + "))"
    }

    /// The whole table.
    public static let all: [Correlation] = [
        Correlation(name: "001-042", legacyVersions: 1...42, alembicStart: nil, alembicSteps: ["liberty"],
                    note: "liberty_initial creates the Liberty (legacy 042) schema in one step",
                    expectedRows: [ExpectedRows(
                        table: "metadef_resource_types", side: .legacyOnly,
                        because: "legacy 035 seeds five resource types; liberty_initial seeds none")]),
        Correlation(name: "043", legacyVersions: 43...43, alembicStart: "liberty", alembicSteps: ["mitaka01"],
                    note: "created_at/updated_at indexes on images"),
        Correlation(name: "044", legacyVersions: 44...44, alembicStart: "mitaka01", alembicSteps: ["mitaka02"],
                    note: "OS::Nova::Instance renamed OS::Nova::Server"),
        Correlation(name: "045", legacyVersions: 45...45, alembicStart: "mitaka02",
                    alembicSteps: ["ocata_expand01", "data:ocata_migrate01", "ocata_contract01"],
                    note: "045_add_visibility is retained so you can compare it with ocata01 (= ocata_expand01 + the visibility data migration + ocata_contract01)"),
    ]

    /// Finds a pair by its name or by any legacy version it covers (`12` finds `001-042`).
    public static func named(_ text: String) -> Correlation? {
        if let exact = all.first(where: { $0.name == text }) { return exact }
        guard let number = Int(text) else { return nil }
        return all.first { $0.legacyVersions.contains(number) }
    }
}
