import DatabaseCore
import LegacyBridge
import LegacyScripts
import MigrationEngine
import SchemaAudit
import Testing
import TestSupport

/// The comparison runs the legacy scripts, on every backend (MySQL's scratch databases are temporary databases
/// on its server).
@Suite struct ComparatorTests {
    @Test(arguments: TestBackend.all)
    func everyLegacyScriptIsEquivalentToItsAlembicCounterpart(_ backend: TestBackend) throws {
        let pool = ScratchPool(backend)
        let comparator = Comparator(makeScratch: pool.make)
        for pair in Correlation.all {
            let certificate = try comparator.compare(pair, seed: 42)
            #expect(certificate.unexpected.isEmpty, "\(certificate.report.joined(separator: "\n"))")
            if pair.name != "001-042" { #expect(certificate.rowCounts["images"] == 40) }
        }
        let path = try comparator.pathIndependence(seed: 42)
        #expect(path.unexpected.isEmpty, "\(path.report.joined(separator: "\n"))")
    }

    /// The comparison finds the real known differences, with their reasons.
    @Test func sqliteLegacyKeepsTheOldMemberConstraint() throws {
        let pool = ScratchPool(.sqlite)
        let certificate = try Comparator(makeScratch: pool.make).compare(Correlation.named("001-042")!, seed: 1)
        let facts = certificate.known.map(\.fact)
        #expect(facts.contains("unique image_members (unnamed) cols=image_id,member"))
        #expect(certificate.known.contains { $0.kind == .data && $0.fact.hasPrefix("metadef_resource_types:") })
        #expect(certificate.verdict == "equivalent (known differences only)")
    }

    /// A 045 that also counts deleted members as sharing makes the comparison fail with a clear report.
    @Test(arguments: TestBackend.all)
    func aChangedLegacyScriptIsCaught(_ backend: TestBackend) throws {
        let original = try #require(LegacyScripts.script(45))
        func broken(_ ops: [Operation]) -> [Operation] {
            ops.map { op in
                guard case .sql(let text) = op else { return op }
                return .sql(text.replacing(" WHERE deleted != 1", with: "").replacing(" WHERE NOT deleted", with: ""))
            }
        }
        func brokenOn(_ dialect: Dialect) -> [Operation] { broken(original.upgrade.operations(for: dialect)) }
        let changed = LegacyScript(45, original.name, .perDialect(sqlite: brokenOn(.sqlite),
                                                                  postgresql: brokenOn(.postgresql),
                                                                  mysql: brokenOn(.mysql)))
        let scripts = LegacyScripts.all.filter { $0.version != 45 } + [changed]
        let pool = ScratchPool(backend)
        let certificate = try Comparator(legacy: LegacyMigrator(scripts: scripts), makeScratch: pool.make)
            .compare(Correlation.named("045")!, seed: 7)
        #expect(certificate.verdict == "NOT equivalent")
        let unexpected = certificate.unexpected
        #expect(!unexpected.isEmpty)
        #expect(unexpected.allSatisfy { $0.kind == .data && $0.fact.hasPrefix("images:") })
        #expect(unexpected.contains { $0.side == .legacyOnly && $0.fact.contains("visibility=shared") })
        #expect(certificate.report.contains { $0.hasPrefix("  UNEXPECTED data legacy-only: images:") })
    }
}
