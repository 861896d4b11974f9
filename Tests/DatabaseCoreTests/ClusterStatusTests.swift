import DatabaseCore
import Testing

/// Which node states a writing command refuses, and in which words (the live cluster covers a donor in
/// GaleraTests; losing quorum cannot be staged on the shared test cluster without disturbing the others).
@Suite struct ClusterStatusTests {
    static func node(_ state: String, _ component: String) -> ClusterStatus {
        ClusterStatus(product: "Galera", clusterSize: 1, nodeName: "node2", nodeState: state,
                      componentStatus: component, schemaChangeMethod: "TOI")
    }

    @Test func aSyncedNodeOfThePrimaryComponentTakesWrites() {
        #expect(Self.node("Synced", "Primary").writeRefusal == nil)
    }

    @Test(arguments: ["Joining", "Joined", "Donor/Desynced", "Initialized"])
    func aNodeThatIsNotSyncedIsRefused(_ state: String) {
        #expect(Self.node(state, "Primary").writeRefusal == "Galera node node2 is not Synced "
                + "(wsrep_local_state_comment=\(state)); run this through a Synced node (nothing was changed)")
    }

    /// Outside the Primary component the node is refused for that, whatever its local state says.
    @Test(arguments: ["non-Primary", "Disconnected"])
    func aNodeOutsideThePrimaryComponentIsRefused(_ component: String) {
        #expect(Self.node("Synced", component).writeRefusal == "Galera node node2 is not in the Primary "
                + "component (wsrep_cluster_status=\(component)); run this through a node of the Primary component "
                + "(nothing was changed)")
    }

    @Test func onlyTOIBlocksEveryNode() {
        #expect(Self.node("Synced", "Primary").schemaChangesBlockEveryNode)
        #expect(!ClusterStatus(product: "Galera", clusterSize: 3, nodeName: "n", nodeState: "Synced",
                               componentStatus: "Primary", schemaChangeMethod: "RSU").schemaChangesBlockEveryNode)
    }
}
