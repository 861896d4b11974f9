import DatabaseCore
import GlanceRevisions
import LegacyScripts
import MigrationEngine

/// Every schema a Glance database can legitimately have, per dialect, computed offline: the state after
/// each Alembic revision of a fresh upgrade (simulating the revisions), and the stampable legacy versions
/// (simulating Glance's legacy scripts in `legacy/`; the tests hold both against Glance's own dumps).
public struct KnownSchemas: Sendable {
    public let dialect: Dialect

    public enum State: Hashable, Sendable, CustomStringConvertible {
        case legacy(Int)
        case alembic([String])

        public var description: String {
            switch self {
            case .legacy(let v): return "legacy version \(v)"
            case .alembic(let heads): return "Alembic revision \(heads.joined(separator: ", "))"
            }
        }
    }

    /// Tables that hold versions (and the migration lock's bookkeeping on Galera), not Glance data; never
    /// part of a fingerprint.
    public static let versionTables = Set(versionTableNames)

    /// The same, sorted (the order in which readers lock them). `Detection` reads this array rather than
    /// the set: the first set of a new type costs a scan of every protocol conformance (BENCHMARKS.md).
    public static let versionTableNames = ["alembic_version", LegacyVersionTable.name, MigrationLockTable.name].sorted()

    public init(dialect: Dialect) {
        self.dialect = dialect
    }

    /// The schema Alembic leaves at `heads` (version table excluded).
    public func alembic(_ heads: [String]) -> Schema {
        SchemaSimulator(dialect: dialect).schema(at: heads, in: GlanceRevisions.map)
    }

    /// The schema Glance's own legacy scripts leave at `version`, nil for a version they do not have.
    public func legacy(_ version: Int) -> Schema? {
        LegacyScripts.schema(at: version, dialect: dialect)
    }

    /// Where DDL is not transactional, a script that died or failed half-way leaves legacy `version` plus the
    /// first operations of the next script (each statement commits on its own there, the row update last).
    /// This finds how many (the largest count whose simulated schema is `live`; all of them when only the
    /// row update is missing), or nil when `live` is no such state.
    public func interruptedScript(after version: Int, live: Schema) -> (script: LegacyScript, applied: Int)? {
        guard let start = legacy(version), let script = LegacyScripts.script(version + 1) else { return nil }
        let simulator = SchemaSimulator(dialect: dialect)
        let target = Fingerprint(live.excluding(tables: Self.versionTables))
        var schema = start
        var found: Int?
        let operations = script.upgrade.operations(for: dialect)
        for (index, operation) in operations.enumerated() {
            simulator.apply(operation, to: &schema)
            if Fingerprint(schema) == target { found = index + 1 }
        }
        return found.map { (script, $0) }
    }

    /// Every known state with its schema, legacy versions first. Where `db expand`'s online mode leaves a
    /// different schema (the compatibility triggers between expand and contract), both are listed.
    public var catalogue: [(State, Schema)] {
        var result: [(State, Schema)] = StampingMap.stampableVersions.compactMap { v in
            legacy(v).map { (.legacy(v), $0) }
        }
        var schema = Schema()
        var online = Schema()
        var heads: [String] = []
        let simulator = SchemaSimulator(dialect: dialect)
        for revision in GlanceRevisions.map.upgradePlan(from: [], to: GlanceRevisions.map.heads) {
            schema = simulator.schema(applying: [revision], to: schema)
            online = simulator.schema(applying: [revision], to: online, options: .online)
            heads = heads.applying(GlanceRevisions.map.headChanges(applying: revision.id, to: heads))
            result.append((.alembic(heads), schema))
            if online != schema { result.append((.alembic(heads), online)) }
        }
        return result
    }

    /// The schemas a legacy database stamped onto the chain has once carried to `heads`: each stampable legacy
    /// version, simulated and then carried along the chain from its stamp (its residues stay). What the
    /// migrator compares besides the chain's own schema when it looks for a partly applied revision.
    public func carriedLegacySchemas(at heads: [String]) -> [Schema] {
        let map = GlanceRevisions.map
        let applied = map.ancestorsOrSelf(ofAny: heads)
        return StampingMap.stampableVersions.compactMap { version in
            guard let revision = StampingMap.revisionForLegacyVersion[version],
                  let stamped = try? map.resolve(revision), stamped.allSatisfy(applied.contains),
                  let legacy = legacy(version) else { return nil }
            return SchemaSimulator(dialect: dialect)
                .schema(applying: map.upgradePlan(from: stamped, to: heads), to: legacy)
        }
    }

    /// The known states whose schema equals `schema` (version tables ignored).
    public func identify(_ schema: Schema) -> [State] {
        let live = Fingerprint(schema.excluding(tables: Self.versionTables))
        return catalogue.filter { Fingerprint($0.1) == live }.map(\.0)
    }
}
