/// The hand-off from sqlalchemy-migrate to Alembic, as Glance's Ocata–Wallaby
/// `place_database_under_alembic_control` did it.
public enum StampingMap {
    /// Legacy version → Alembic revision argument to stamp. `ocata01` is the branch label that today
    /// resolves to `ocata_contract01`.
    public static let revisionForLegacyVersion: [Int: String] = [42: "liberty", 43: "mitaka01", 44: "mitaka02", 45: "ocata01"]

    /// Alembic ids written by Ocata and Pike's monolithic path, removed in Queens, and what they mean today
    /// (Queens' `get_current_alembic_heads` rewrote them the same way).
    public static let preQueensIDs: [String: String] = ["ocata01": "ocata_contract01", "pike01": "pike_contract01"]

    /// The release a legacy version belongs to, for messages (spec §1.1).
    public static func release(ofLegacyVersion v: Int) -> String {
        switch v {
        case 42: return "Liberty"
        case 43, 44: return "Mitaka/Newton"
        case 45: return "Ocata reference"
        case 37...41: return "Kilo"
        case 35...36: return "Juno"
        case 30...34: return "Icehouse"
        case 23...29: return "Havana"
        case 16...22: return "Grizzly"
        case 14...15: return "Folsom"
        case 10...13: return "Essex"
        case 7...9: return "Diablo"
        default: return "Cactus"
        }
    }
}
