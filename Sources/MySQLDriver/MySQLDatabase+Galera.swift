import DatabaseCore

extension MySQLDatabase {
    /// The Galera node and cluster as `wsrep_*` status variables report them now; nil without Galera.
    /// `SHOW STATUS` answers even on a node outside the Primary component, which refuses most queries.
    public func clusterStatus() throws -> ClusterStatus? {
        guard isGalera else { return nil }
        var values: [String: String] = [:]
        let rows = try query("""
            SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_local_state_comment',
            'wsrep_cluster_status')
            """) + query("SHOW VARIABLES WHERE Variable_name IN ('wsrep_node_name', 'wsrep_OSU_method')")
        for row in rows {
            if let name = row["Variable_name"].stringValue { values[name.lowercased()] = row["Value"].stringValue }
        }
        return ClusterStatus(product: "Galera", clusterSize: Int(values["wsrep_cluster_size"] ?? "") ?? 0,
                             nodeName: values["wsrep_node_name"] ?? "", nodeState:
                                values["wsrep_local_state_comment"] ?? "unknown",
                             componentStatus: values["wsrep_cluster_status"] ?? "unknown",
                             schemaChangeMethod: values["wsrep_osu_method"] ?? "unknown")
    }

    /// This session's id, for `KILL` from the lease's heartbeat when the lease is lost.
    func connectionID() throws -> Int64 {
        try query("SELECT CONNECTION_ID() AS id").first?["id"].intValue ?? 0
    }
}
