import DatabaseCore
import GlanceRevisions
import MigrationEngine

/// Every schema a Glance database can legitimately have, per dialect, computed offline: the state after
/// each Alembic revision of a fresh upgrade, and legacy versions 42-45 (the Alembic state they map to,
/// adjusted by the differences the real legacy scripts leave, spec §1.5 and the reference dumps).
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

    /// Tables that hold versions, not Glance data; never part of a fingerprint.
    public static let versionTables: Set<String> = ["alembic_version", LegacyVersionTable.name]

    public init(dialect: Dialect) {
        self.dialect = dialect
    }

    /// The schema Alembic leaves at `heads` (version table excluded).
    public func alembic(_ heads: [String]) -> Schema {
        SchemaSimulator(dialect: dialect).schema(at: heads, in: GlanceRevisions.map)
    }

    /// The schema Glance's own legacy scripts leave at version 42-45.
    public func legacy(_ version: Int) -> Schema? {
        guard let revision = StampingMap.revisionForLegacyVersion[version],
              let heads = try? GlanceRevisions.map.resolve(revision) else { return nil }
        var schema = alembic(heads)
        guard dialect == .sqlite else { return schema }
        // SQLite legacy databases differ from Alembic's in constraints only (spec §1.5):
        // 022 is a no-op there, so image_members keeps the old UNIQUE(image_id, member) beside 037's one;
        // the repeated table
        // rebuilds leave `deleted` checks doubled on image_locations and tasks and no check on
        // images.protected (added by 037's SQL without CHECK).
        schema = schema.modifyingTable("image_members") { $0.uniqueConstraints.append(UniqueConstraintSchema(name: nil, columns: ["image_id", "member"])) }
        schema = schema.modifyingTable("image_locations") { $0.checks.append("deleted IN (0, 1)") }
        schema = schema.modifyingTable("tasks") { $0.checks.append("deleted IN (0, 1)") }
        if version == 45 {
            // 045_sqlite_upgrade.sql rebuilds images with its own CHECKs, including the named enum check.
            schema = schema.modifyingTable("images") {
                $0.checks = ["deleted IN (0, 1)", "protected IN (0, 1)", "visibility IN ('private', 'public', 'shared', 'community')"]
            }
        } else {
            schema = schema.modifyingTable("images") { $0.checks.removeAll { $0 == "protected IN (0, 1)" } }
        }
        return schema
    }

    /// Every known state with its schema, legacy versions first. Where `db expand`'s online mode leaves a
    /// different schema (the compatibility triggers between expand and contract), both are listed.
    public var catalogue: [(State, Schema)] {
        var result: [(State, Schema)] = (42...45).compactMap { v in legacy(v).map { (.legacy(v), $0) } }
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

extension Schema {
    /// A copy with one table changed (no-op if the table is absent).
    func modifyingTable(_ name: String, _ change: (inout TableSchema) -> Void) -> Schema {
        Schema(tables: tables.map { table in
            guard table.name == name else { return table }
            var copy = table
            change(&copy)
            return TableSchema(name: copy.name, columns: copy.columns, primaryKey: copy.primaryKey, indexes: copy.indexes,
                               uniqueConstraints: copy.uniqueConstraints, foreignKeys: copy.foreignKeys, checks: copy.checks)
        }, enumTypes: enumTypes, triggers: triggers)
    }
}
