import LegacyScripts

/// The hand-off from sqlalchemy-migrate to Alembic, as Glance's Ocata–Wallaby
/// `place_database_under_alembic_control` did it.
public enum StampingMap {
    /// Legacy version → Alembic revision argument to stamp, as each legacy script records it. `ocata01` is the
    /// branch label that today resolves to `ocata_contract01`.
    public static let revisionForLegacyVersion: [Int: String] = Dictionary(uniqueKeysWithValues:
        LegacyScripts.all.compactMap { script in script.alembicRevision.map { (script.version, $0) } })

    /// The legacy versions a database can be stamped at, in order.
    public static let stampableVersions: [Int] = revisionForLegacyVersion.keys.sorted()

    /// The version a database at `version` is carried to by the legacy scripts before it is stamped: the
    /// first stampable version above it, nil when there is none (the database is newer than the repository).
    public static func carryTarget(from version: Int) -> Int? {
        stampableVersions.first { $0 > version }
    }

    /// Alembic ids written by Ocata and Pike's monolithic path, removed in Queens, and what they mean today
    /// (Queens' `get_current_alembic_heads` rewrote them the same way).
    ///
    /// Pairs, not a dictionary: `db version` looks here at every start, and the first dictionary of a new
    /// type costs the Swift runtime a scan of every protocol conformance in the binary (BENCHMARKS.md).
    public static let preQueensIDs: [(preQueens: String, today: String)] = [
        ("ocata01", "ocata_contract01"), ("pike01", "pike_contract01"),
    ]

    /// What a pre-Queens id means today, nil for any other id.
    public static func todaysID(ofPreQueens id: String) -> String? {
        preQueensIDs.first { $0.preQueens == id }?.today
    }

    /// The release each range of legacy versions belongs to (spec §1.1), for messages.
    static let releases: [(versions: ClosedRange<Int>, name: String)] = [
        (7...9, "Diablo"), (10...13, "Essex"), (14...15, "Folsom"), (16...22, "Grizzly"), (23...29, "Havana"),
        (30...34, "Icehouse"), (35...36, "Juno"), (37...41, "Kilo"), (42...42, "Liberty"),
        (43...44, "Mitaka/Newton"), (45...45, "Ocata reference"),
    ]

    /// The release a legacy version belongs to, for messages.
    public static func release(ofLegacyVersion v: Int) -> String {
        releases.first { $0.versions.contains(v) }?.name ?? "Cactus"
    }
}
