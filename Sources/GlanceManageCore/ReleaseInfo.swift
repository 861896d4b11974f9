import GlanceRevisions
import MigrationEngine

/// glance-bridge's release. `version` is the one place the version is written: `scripts/package` reads it
/// from this file for the Debian package and checks the built binary prints the same.
public enum ReleaseInfo {
    public static let version = "0.9.0"

    /// The Glance release whose `glance-manage` this one stands in for (its messages, options and chain).
    public static let glanceRelease = "33.0.0"

    /// `glance-manage --version`: ours, then the Glance release and the chain's head, derived from the map.
    public static var versionLine: String {
        let head = (try? GlanceRevisions.map.head(ofBranch: GlanceRevisions.contractBranch)) ?? "?"
        return "glance-bridge \(version) (Glance \(glanceRelease) database chain, head \(head))"
    }
}
