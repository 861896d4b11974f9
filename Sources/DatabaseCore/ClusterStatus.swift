/// What a clustered server says about itself and its node, read by the driver (today: MariaDB Galera's
/// `wsrep_*` variables). Callers read it generically: `db detect` prints it, a writing command refuses a
/// node whose `writeRefusal` is set, and the runner announces schema changes that block every node.
///
/// ```swift
/// if let refusal = try database.clusterStatus()?.writeRefusal { throw Failure(refusal) }
/// ```
public struct ClusterStatus: Sendable, Hashable {
    /// The replication product, e.g. `Galera`.
    public let product: String
    /// Nodes in this node's component (`wsrep_cluster_size`).
    public let clusterSize: Int
    /// This node's name (`wsrep_node_name`).
    public let nodeName: String
    /// This node's state (`wsrep_local_state_comment`): `Synced`, `Joining`, `Donor/Desynced`, ...
    public let nodeState: String
    /// Whether this node's component holds quorum (`wsrep_cluster_status`: `Primary`, `non-Primary`, ...).
    public let componentStatus: String
    /// How schema changes replicate (`wsrep_OSU_method`): `TOI` runs each DDL statement on every node in
    /// the same place of the total order, blocking every other write of the cluster meanwhile.
    public let schemaChangeMethod: String

    public init(product: String, clusterSize: Int, nodeName: String, nodeState: String, componentStatus: String,
                schemaChangeMethod: String) {
        self.product = product
        self.clusterSize = clusterSize
        self.nodeName = nodeName
        self.nodeState = nodeState
        self.componentStatus = componentStatus
        self.schemaChangeMethod = schemaChangeMethod
    }

    /// Why a command that writes must not run through this node, or nil when it may. A joiner or donor
    /// is not `Synced` (it may lag or refuse writes), and a node outside the Primary component has lost
    /// quorum: whatever it wrote would be thrown away or refused when it rejoins.
    public var writeRefusal: String? {
        if componentStatus != "Primary" {
            return "\(product) node \(nodeName) is not in the Primary component (wsrep_cluster_status="
                + "\(componentStatus)); run this through a node of the Primary component (nothing was changed)"
        }
        if nodeState != "Synced" {
            return "\(product) node \(nodeName) is not Synced (wsrep_local_state_comment=\(nodeState)); "
                + "run this through a Synced node (nothing was changed)"
        }
        return nil
    }

    /// Whether a DDL statement holds up every write on every node while it runs (Galera's TOI).
    public var schemaChangesBlockEveryNode: Bool { schemaChangeMethod == "TOI" }

    /// Tables holding at least this many rows get the warning before a blocking schema change: below it
    /// the statement is over in well under a second.
    public static let longSchemaChangeRows = 10_000

    /// The warning printed before a schema change of `table` that blocks every node.
    public func schemaChangeWarning(table: String, rows: Int) -> String {
        "WARNING: changing table \(table) (\(rows) rows) replicates in total order (\(schemaChangeMethod)): "
            + "it blocks writes on every node of the \(product) cluster until it finishes"
    }

    /// One line for `db detect`.
    public var summary: String {
        "\(product), \(clusterSize) node(s); this node \(nodeName): \(nodeState), \(componentStatus) component, "
            + "schema changes by \(schemaChangeMethod)"
    }
}
