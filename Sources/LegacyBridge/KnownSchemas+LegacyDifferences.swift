import DatabaseCore
import GlanceRevisions
import LegacyScripts
import MigrationEngine

/// A schema fact in which a database built by Glance's legacy scripts differs from the one the Alembic chain
/// builds, with the reason its legacy step records (nil when no step explains it).
public struct LegacyDifference: Hashable, Sendable {
    /// A fact line of `Schema.factLines`.
    public let fact: String
    /// True when the legacy database has the fact and the Alembic one does not.
    public let isLegacyOnly: Bool
    public let because: String?
}

extension KnownSchemas {
    /// Where legacy `version`, stamped and carried along the Alembic chain to `heads`, differs from Alembic's
    /// own schema at `heads` (by default the revision the version is stamped at). Both sides are simulated;
    /// each difference on a table takes the reason of the latest legacy step up to `version` that leaves a
    /// residue on that table. Empty for a version that cannot be stamped.
    public func legacyDifferences(_ version: Int, carriedTo heads: [String]? = nil) -> [LegacyDifference] {
        guard let revision = StampingMap.revisionForLegacyVersion[version], let legacy = legacy(version) else {
            return []
        }
        guard let stamped = try? GlanceRevisions.map.resolve(revision) else {
            preconditionFailure("legacy \(version) is stamped at \(revision), which the revision map does not resolve")
        }
        let target = heads ?? stamped
        let map = GlanceRevisions.map
        let carried = SchemaSimulator(dialect: dialect)
            .schema(applying: map.upgradePlan(from: stamped, to: target), to: legacy)
        let alembic = alembic(target)
        // Carried past the stamp, a difference also says why it lasts.
        let lasting = target == stamped ? ""
            : "; stamped at \(stamped.joined(separator: ", ")), the Alembic chain never rewrites it"
        let reasons = residueReasons(upTo: version).mapValues { $0 + lasting }
        var result: [LegacyDifference] = []
        for table in Set(carried.tableNames + alembic.tableNames).sorted() {
            let diff = SchemaDiff(Schema(tables: alembic.table(table).map { [$0] } ?? []),
                                  Schema(tables: carried.table(table).map { [$0] } ?? []))
            result += diff.onlyInSecond.map { LegacyDifference(fact: $0, isLegacyOnly: true, because: reasons[table]) }
            result += diff.onlyInFirst.map { LegacyDifference(fact: $0, isLegacyOnly: false, because: reasons[table]) }
        }
        // Enum types and triggers belong to no table: no legacy step explains a difference in them.
        let rest = SchemaDiff(Schema(enumTypes: alembic.enumTypes, triggers: alembic.triggers),
                              Schema(enumTypes: carried.enumTypes, triggers: carried.triggers))
        result += rest.onlyInSecond.map { LegacyDifference(fact: $0, isLegacyOnly: true, because: nil) }
        result += rest.onlyInFirst.map { LegacyDifference(fact: $0, isLegacyOnly: false, because: nil) }
        return result
    }

    /// Per table, the reason of the latest legacy step up to `version` that records one for this dialect.
    private func residueReasons(upTo version: Int) -> [String: String] {
        var reasons: [String: String] = [:]
        for script in LegacyScripts.all where script.version <= version {
            for residue in script.residue[dialect] { reasons[residue.table] = residue.because }
        }
        return reasons
    }
}

extension [LegacyDifference] {
    /// The facts only the legacy side has, sorted as `SchemaDiff` lists them.
    public var legacyOnlyFacts: [String] { filter(\.isLegacyOnly).map(\.fact).sorted() }
    /// The facts only the Alembic side has, sorted.
    public var alembicOnlyFacts: [String] { filter { !$0.isLegacyOnly }.map(\.fact).sorted() }
}
