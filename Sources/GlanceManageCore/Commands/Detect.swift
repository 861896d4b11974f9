import ArgumentParser
import DatabaseCore
import FoundationEssentials
import LegacyBridge
import MigrationEngine

extension DB {
    /// `db detect`: the version tables found, the fingerprint match and the plan `db sync` would run.
    /// Reads only.
    struct Detect: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "detect", abstract: "Show the database's version history, schema fingerprint and the plan sync would run.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Output format.") var format: OutputFormat = .text

        func run() throws {
            let url = try connection.resolve()
            let database = try GlanceDatabase.openForReading(url)
            let detection = try database.detect()
            var fingerprint = "none"
            var matches: [String] = []
            var plan = "nothing to bridge"
            var problem: String?
            var steps: [String] = []
            let cluster = try database.connection?.clusterStatus()
            if let live = database.connection {
                let schema = try live.introspect().excluding(tables: KnownSchemas.versionTables)
                fingerprint = Fingerprint(schema).description
                matches = KnownSchemas(dialect: url.dialect).identify(schema).map(\.description)
                do {
                    let bridgePlan = try Bridge().plan(for: live, detection: detection)
                    plan = bridgePlan.summary
                    let heads = try bridgePlan.headsAfter(detection, in: database.map)
                    steps = database.map.upgradePlan(from: heads, to: database.map.heads).map(\.id)
                } catch let mismatch as MismatchError {
                    problem = mismatch.description
                } catch {
                    problem = String(describing: error)
                }
            } else {
                steps = database.map.upgradePlan(from: [], to: database.map.heads).map(\.id)
            }
            switch format {
            case .json:
                printJSON([
                    "database": url.redacted,
                    "history": detection.kind.rawValue,
                    "version_tables": (detection.hasAlembicTable ? ["alembic_version"] : []) + (detection.legacyVersion != nil ? ["migrate_version"] : []),
                    "alembic_rows": detection.alembicRows,
                    "legacy_version": detection.legacyVersion.map { $0 as Any } ?? jsonNull,
                    "fingerprint": fingerprint,
                    "schema_matches": matches,
                    "bridge": plan,
                    "refused": problem.map { $0 as Any } ?? jsonNull,
                    "sync_would_apply": steps,
                    "cluster": cluster.map { Self.json($0) } ?? jsonNull,
                ])
            case .text:
                if let cluster { Output.line("cluster: \(cluster.summary)") }
                Output.line("history: \(detection.kind.rawValue) - \(detection.summary)")
                Output.line("fingerprint: \(fingerprint)" + (matches.isEmpty ? " (matches no known version)" : " (matches \(matches.joined(separator: "; ")))"))
                if let problem {
                    Output.line("sync would refuse: \(problem)")
                } else {
                    Output.line("bridge: \(plan)")
                    Output.line("sync would apply \(steps.count) revision(s)" + (steps.isEmpty ? "" : ": \(steps.joined(separator: ", "))"))
                }
            }
        }

        /// The cluster as the driver reports it, and whether a writing command would run through this node.
        static func json(_ cluster: ClusterStatus) -> [String: Any] {
            ["product": cluster.product, "size": cluster.clusterSize, "node": cluster.nodeName,
             "node_state": cluster.nodeState, "component": cluster.componentStatus,
             "schema_change_method": cluster.schemaChangeMethod,
             "writes_refused": cluster.writeRefusal.map { $0 as Any } ?? jsonNull]
        }
    }
}
