import DatabaseCore
import Foundation
import MySQLDriver

/// The private three-node MariaDB Galera cluster `scripts/galera-test-cluster run` starts (scripts/test runs
/// the suite inside it), read from `GLANCE_TEST_GALERA_SOCKETS` / `_USER` / `_DIR`. Every Galera test shares
/// it, on a database of its own. A run without it fails loudly instead of skipping, as for the other servers.
public struct GaleraTestCluster: Sendable {
    /// The unix sockets of nodes 1, 2 and 3.
    public let sockets: [String]
    public let user: String
    /// The cluster's directory: `nodeN/mysqld.pid`, `nodeN/my.cnf`.
    public let directory: String

    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/galera-test-cluster")

    /// - Throws: `TestSetupError` when the cluster's variables are not set or a node's socket is missing.
    public static func current() throws -> GaleraTestCluster {
        let env = ProcessInfo.processInfo.environment
        let sockets = (env["GLANCE_TEST_GALERA_SOCKETS"] ?? "").split(separator: " ").map(String.init)
        guard sockets.count == 3, let directory = env["GLANCE_TEST_GALERA_DIR"], !directory.isEmpty else {
            throw TestSetupError("GLANCE_TEST_GALERA_SOCKETS/_DIR are not set: run the tests through "
                                 + "`scripts/test` or `scripts/galera-test-cluster run swift test` (see README)")
        }
        for socket in sockets where !FileManager.default.fileExists(atPath: socket) {
            throw TestSetupError("GLANCE_TEST_GALERA_SOCKETS names \(socket), which does not exist: is the cluster running?")
        }
        return GaleraTestCluster(sockets: sockets, user: env["GLANCE_TEST_GALERA_USER"] ?? "root", directory: directory)
    }

    /// Node `node` (1...3), connected to `database` (none for administration).
    public func connect(node: Int, database: String? = nil) throws -> MySQLDatabase {
        try MySQLDatabase(parameters: MySQLParameters(unixSocket: sockets[node - 1], user: user, database: database))
    }

    /// The URL glance-manage reaches `database` through node `node` with.
    public func url(node: Int, database: String) -> String {
        "mysql+pymysql://\(user)@localhost/\(database)?unix_socket=\(sockets[node - 1])&charset=utf8"
    }

    /// A new, empty database (created through node 1), dropped when the value goes away.
    public func makeDatabase() throws -> GaleraDatabase {
        try GaleraDatabase(cluster: self)
    }

    /// The value of a `wsrep_*` status variable on `node`.
    public func status(_ name: String, node: Int) throws -> String? {
        try connect(node: node).query("SHOW STATUS LIKE ?", [.text(name)]).first?["Value"].stringValue
    }

    /// SIGKILLs node `node`'s mariadbd and waits until it is gone.
    public func killNode(_ node: Int) throws {
        let pidFile = "\(directory)/node\(node)/mysqld.pid"
        let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = Int32(text) else { throw TestSetupError("no pid in \(pidFile)") }
        kill(pid, SIGKILL)
        for _ in 0..<200 where kill(pid, 0) == 0 { usleep(25_000) }
    }

    /// Starts node `node` again (it rejoins by state transfer) and waits until all three are Synced.
    public func restartNode(_ node: Int) throws {
        // posix_spawn and waitpid rather than Process: Process.waitUntilExit never returned here once the
        // script had exited, leaving the restarted mariadbd (which inherits nothing but /dev/null) running.
        var pid: pid_t = 0
        let arguments = [Self.script.path, "restart-node", String(node)]
        let environment = ProcessInfo.processInfo.environment.merging(["GLANCE_TEST_GALERA_DIR": directory]) { $1 }
            .map { "\($0.key)=\($0.value)" }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let spawned = posix_spawn(&pid, Self.script.path, nil, nil, argv, envp)
        guard spawned == 0 else { throw TestSetupError("cannot run galera-test-cluster restart-node: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        guard status == 0 else {
            throw TestSetupError("galera-test-cluster restart-node \(node) failed (wait status \(status))")
        }
    }

    /// Waits until every node has applied the same last write set and has nothing queued, so that what the
    /// nodes hold can be compared.
    public func waitUntilApplied(timeout: TimeInterval = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let committed = try (1...3).map { try status("wsrep_last_committed", node: $0) }
            let queued = try (1...3).map { try status("wsrep_local_recv_queue", node: $0) }
            if Set(committed).count == 1, queued.allSatisfy({ $0 == "0" }) { return }
            usleep(50_000)
        }
        throw TestSetupError("the Galera nodes have not applied the same write sets after \(timeout) s")
    }

    /// Waits until every node is Synced in a cluster of three (after a desync or a restart).
    public func waitUntilSynced(timeout: TimeInterval = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let ready = try (1...3).allSatisfy { node in
                (try? status("wsrep_local_state_comment", node: node)) == "Synced"
                    && (try? status("wsrep_cluster_size", node: node)) == "3"
            }
            if ready { return }
            usleep(100_000)
        }
        throw TestSetupError("the Galera cluster is not three Synced nodes after \(timeout) s")
    }
}

/// A database on the Galera cluster that exists for one test and is dropped when the value goes away.
public final class GaleraDatabase: @unchecked Sendable {
    public let cluster: GaleraTestCluster
    public let name: String

    init(cluster: GaleraTestCluster) throws {
        self.cluster = cluster
        name = "gb_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try cluster.connect(node: 1).executeScript("CREATE DATABASE \(name)")
        try waitUntilEveryNodeHasIt()
    }

    /// CREATE DATABASE returns once node 1 has applied it; the others apply it a moment later (a loaded
    /// machine made a test's first connection through node 2 fail with "Unknown database").
    private func waitUntilEveryNodeHasIt(timeout: TimeInterval = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        for node in 2...3 {
            let admin = try cluster.connect(node: node)
            while try admin.query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
                                  [.text(name)]).isEmpty {
                guard Date() < deadline else {
                    throw TestSetupError("node \(node) has not applied CREATE DATABASE \(name) after \(timeout) s")
                }
                usleep(20_000)
            }
        }
    }

    public func url(node: Int) -> String { cluster.url(node: node, database: name) }

    /// A connection through `node`. (Not with `wsrep_sync_wait`: an information_schema query under it
    /// crashed a node of MariaDB 10.11.19; compare nodes after `cluster.waitUntilApplied()` instead.)
    public func connect(node: Int) throws -> MySQLDatabase {
        try cluster.connect(node: node, database: name)
    }

    deinit {
        for node in 1...3 {
            if let admin = try? cluster.connect(node: node), (try? admin.executeScript("DROP DATABASE IF EXISTS \(name)")) != nil {
                break
            }
        }
    }
}
