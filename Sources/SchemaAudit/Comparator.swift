import DatabaseCore
import GlanceRevisions
import LegacyBridge
import LegacyScripts
import MigrationEngine

/// Proves a legacy script equivalent to its Alembic counterpart: two scratch databases at matching
/// starting points get the same generated rows, one runs the legacy script(s), the other the Alembic
/// path, and the normalised schemas and the rows are compared. Differences already present at the
/// starting points are not the scripts' doing and are not reported.
public struct Comparator {
    /// Makes an empty scratch database of the chosen dialect (the CLI and the tests provide it; the
    /// audit never picks a driver).
    public let makeScratch: () throws -> any Database
    public var legacy: LegacyMigrator

    public init(legacy: LegacyMigrator = LegacyMigrator(), makeScratch: @escaping () throws -> any Database) {
        self.legacy = legacy
        self.makeScratch = makeScratch
    }

    public func compare(_ pair: Correlation, seed: UInt64) throws -> Certificate {
        let old = try makeScratch(), new = try makeScratch()
        let migrator = Migrator(map: GlanceRevisions.map)
        try legacy.versionControl(old)
        try WriteTransaction.run(on: old) { _ = try legacy.upgrade($0, from: 0, to: pair.legacyStart) }
        if let start = pair.alembicStart { try migrator.upgrade(new, to: start) }
        var counts: [String: Int] = [:]
        if pair.alembicStart != nil {
            // The same data on both sides, once both exist: legacy 035's seeded resource types are the business
            // of the pair that starts from an empty database.
            try old.execute("DELETE FROM metadef_resource_types")
            let generator = RowGenerator(seed: seed)
            counts = try generator.insert(into: old)
            try generator.insert(into: new)
        }
        let startDiff = Set(try differences(old, new))
        try WriteTransaction.run(on: old) {
            _ = try legacy.upgrade($0, from: pair.legacyStart, to: pair.legacyVersions.upperBound)
        }
        for step in pair.alembicSteps {
            if step.hasPrefix("data:") {
                let id = String(step.dropFirst(5))
                guard let migration = GlanceRevisions.dataMigrations.first(where: { $0.id == id }) else {
                    throw MigrationError.unknownDataMigration(step)
                }
                try WriteTransaction.run(on: new) { _ = try migration.run(in: $0) }
            } else {
                try migrator.upgrade(new, to: step)
            }
        }
        let known = KnownDifferences(
            schema: KnownSchemas(dialect: old.dialect).legacyDifferences(pair.legacyVersions.upperBound),
            rows: pair.expectedRows)
        let found = try differences(old, new).filter { !startDiff.contains($0) }.map { difference -> Difference in
            var classified = difference
            classified.knownBecause = known.reason(for: difference)
            return classified
        }
        return Certificate(pair: pair.description, dialect: old.dialect, seed: seed, rowCounts: counts,
                           legacyFingerprint: Fingerprint(try comparable(old)).description,
                           alembicFingerprint: Fingerprint(try comparable(new)).description, differences: found)
    }

    /// Path independence: legacy 0 to the latest version through our scripts (rows inserted before the last
    /// one), then the bridge and the Alembic chain to head, against a fresh head.
    public func pathIndependence(seed: UInt64) throws -> Certificate {
        let old = try makeScratch(), fresh = try makeScratch()
        // The bridged database keeps its legacy residues: where DDL is not transactional (MySQL) the migrator
        // checks the schema before each revision, and must know those schemas as `db sync` does.
        let migrator = Migrator(map: GlanceRevisions.map) { KnownSchemas(dialect: $1).carriedLegacySchemas(at: $0) }
        try legacy.versionControl(old)
        let latest = LegacyScripts.latest
        try WriteTransaction.run(on: old) { _ = try legacy.upgrade($0, from: 0, to: latest - 1) }
        let counts = try RowGenerator(seed: seed).insert(into: old)
        try WriteTransaction.run(on: old) { _ = try legacy.upgrade($0, from: latest - 1, to: latest) }
        let bridge = Bridge()
        let detection = try Detection.read(old)
        let plan = try bridge.plan(for: old, detection: detection)
        try bridge.apply(plan, planned: detection, to: old, migrator: migrator)
        try migrator.upgrade(old, to: "heads")
        try migrator.upgrade(fresh, to: "heads")
        let known = KnownDifferences(
            schema: KnownSchemas(dialect: old.dialect).legacyDifferences(latest, carriedTo: GlanceRevisions.map.heads),
            rows: [])
        let schema = SchemaDiff(try comparable(old), try comparable(fresh))
        let found = (schema.onlyInFirst.map { Difference(kind: .schema, side: .legacyOnly, fact: $0) }
            + schema.onlyInSecond.map { Difference(kind: .schema, side: .alembicOnly, fact: $0) }).map { difference -> Difference in
            var classified = difference
            classified.knownBecause = known.reason(for: difference)
            return classified
        }
        return Certificate(pair: "legacy 000-\(latest.zeroPadded(3)) -> bridge -> head <-> fresh head", dialect: old.dialect, seed: seed,
                           rowCounts: counts, legacyFingerprint: Fingerprint(try comparable(old)).description,
                           alembicFingerprint: Fingerprint(try comparable(fresh)).description, differences: found)
    }

    private func comparable(_ database: any Database) throws -> Schema {
        try database.introspect().excluding(tables: KnownSchemas.versionTables)
    }

    /// Schema facts and rows present on one side only.
    private func differences(_ old: any Database, _ new: any Database) throws -> [Difference] {
        let oldSchema = try comparable(old), newSchema = try comparable(new)
        let schema = SchemaDiff(oldSchema, newSchema)
        var result = schema.onlyInFirst.map { Difference(kind: .schema, side: .legacyOnly, fact: $0) }
            + schema.onlyInSecond.map { Difference(kind: .schema, side: .alembicOnly, fact: $0) }
        for table in oldSchema.tables {
            guard let other = newSchema.table(table.name) else { continue }
            let columns = table.columns.map(\.name).filter { other.column($0) != nil }.sorted()
            let oldRows = try rows(old, table.name, columns), newRows = try rows(new, table.name, columns)
            result += oldRows.removingOnce(newRows).map { Difference(kind: .data, side: .legacyOnly, fact: $0) }
            result += newRows.removingOnce(oldRows).map { Difference(kind: .data, side: .alembicOnly, fact: $0) }
        }
        return result
    }

    /// Every row as `table: a=1, b=x` over the given columns (timestamps that only say "now" are left out:
    /// `created_at`/`updated_at` of rows the scripts insert themselves differ by the clock).
    private func rows(_ database: any Database, _ table: String, _ columns: [String]) throws -> [String] {
        guard !columns.isEmpty else { return [] }
        let q = database.dialect.quote
        let list = columns.map(q).joined(separator: ", ")
        return try database.query("SELECT \(list) FROM \(q(table))").map { row in
            "\(table): " + columns.enumerated().filter { !(table == "metadef_resource_types" && ["created_at", "updated_at"].contains($0.element)) }
                .map { "\($0.element)=\(row[$0.offset].stringValue ?? "NULL")" }.joined(separator: ", ")
        }.sorted()
    }
}
