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
    public static let versionTables: Set<String> = ["alembic_version", LegacyVersionTable.name,
                                                    MigrationLockTable.name]

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

    /// The known states whose schema equals `schema` (version tables ignored).
    public func identify(_ schema: Schema) -> [State] {
        let live = Fingerprint(schema.excluding(tables: Self.versionTables))
        return catalogue.filter { Fingerprint($0.1) == live }.map(\.0)
    }
}
