import DatabaseCore
import GlanceRevisions
import LegacyBridge
import Testing
import TestSupport

@Suite struct KnownSchemasTests {
    /// The legacy schemas simulated from `legacy/` equal what Glance's own legacy scripts produced (reference
    /// dumps), and the stampable ones are identified by fingerprint.
    @Test(arguments: TestBackend.all, [41, 42, 43, 44, 45])
    func legacySchemasMatchTheRealLegacyDatabases(_ backend: TestBackend, _ version: Int) throws {
        let scratch = try Fixtures.legacyDatabase(version, backend)
        let live = try scratch.connect().introspect().excluding(tables: KnownSchemas.versionTables)
        let expected = try #require(KnownSchemas(dialect: backend.dialect).legacy(version))
        let diff = SchemaDiff(expected, live)
        #expect(diff.isEmpty, "legacy \(version):\n\(diff)")
        if StampingMap.revisionForLegacyVersion[version] != nil {
            #expect(KnownSchemas(dialect: backend.dialect).identify(live).contains(.legacy(version)))
        }
    }

    /// Every difference between a legacy version and the Alembic revision it is stamped at, at that revision
    /// and carried to head, comes with the reason of the legacy step that causes it.
    @Test(arguments: TestBackend.all, StampingMap.stampableVersions)
    func everyLegacyDifferenceHasAReason(_ backend: TestBackend, _ version: Int) throws {
        let known = KnownSchemas(dialect: backend.dialect)
        for differences in [known.legacyDifferences(version),
                            known.legacyDifferences(version, carriedTo: GlanceRevisions.map.heads)] {
            let unexplained = differences.filter { $0.because == nil }.map(\.fact)
            #expect(unexplained.isEmpty, "legacy \(version): \(unexplained)")
        }
    }

    /// What Glance itself leaves after stamping a SQLite legacy 44 database and upgrading it (the reference
    /// diff against a fresh database, in `sqlite_struct.py` lines) is what the simulation computes.
    @Test func computedSQLiteResidueIsGlancesOwn() throws {
        var glance: [String] = []
        for line in try Fixtures.text("diff-legacy44-sqlite-after-stamp-then-modern-vs-fresh.txt")
            .split(separator: "\n").map(String.init) {
            #expect(!line.hasPrefix("<"), "a fresh database has something the bridged one lacks: \(line)")
            guard line.hasPrefix("> "), !line.contains("migrate_version") else { continue }
            let fact = String(line.dropFirst(2))
            if fact.hasPrefix("check ") { glance.append(fact) }
            // sqlite_struct.py lists a UNIQUE constraint as its automatic index.
            if let range = fact.range(of: " (auto) unique=1 origin=u cols=") {
                glance.append("unique " + fact.dropFirst("index ".count)[..<range.lowerBound] + " (unnamed) cols="
                              + fact[range.upperBound...])
            }
        }
        let computed = KnownSchemas(dialect: .sqlite).legacyDifferences(44, carriedTo: GlanceRevisions.map.heads)
        #expect(computed.legacyOnlyFacts == glance.sorted())
        #expect(computed.alembicOnlyFacts.isEmpty)
    }

    /// The same on MariaDB: Glance's diff of a stamped and upgraded legacy 44 against a fresh head
    /// (`diff-legacy44-mariadb-after-stamp-then-modern-vs-fresh.txt`, catalog lines; `<` is the fresh side)
    /// is what the simulation computes, both ways: the bridged database lacks the CHECK liberty puts on
    /// `images.protected` and keeps legacy foreign-key names.
    @Test func computedMariaDBResidueIsGlancesOwn() throws {
        var fresh: [String] = [], bridged: [String] = []
        for line in try Fixtures.text("diff-legacy44-mariadb-after-stamp-then-modern-vs-fresh.txt")
            .split(separator: "\n").map(String.init) where line.hasPrefix("< ") || line.hasPrefix("> ") {
            guard !line.contains("migrate_version") else { continue } // Glance keeps it; the bridge drops it
            let fact = try #require(Self.fact(ofCatalogLine: String(line.dropFirst(2))), "unexpected: \(line)")
            if line.hasPrefix("<") { fresh.append(fact) } else { bridged.append(fact) }
        }
        let computed = KnownSchemas(dialect: .mysql).legacyDifferences(44, carriedTo: GlanceRevisions.map.heads)
        #expect(computed.legacyOnlyFacts == bridged.sorted())
        #expect(computed.alembicOnlyFacts == fresh.sorted())
    }

    /// A `check` or `fk` line of a MariaDB reference catalog as a `Schema.factLines` line (foreign keys here
    /// have the default actions, which the model leaves out).
    static func fact(ofCatalogLine line: String) -> String? {
        let words = line.split(separator: " ", maxSplits: 2).map(String.init)
        guard words.count == 3, let dot = words[1].firstIndex(of: ".") else { return nil }
        let table = words[1][..<dot], name = words[1][words[1].index(after: dot)...]
        switch words[0] {
        case "check":
            return "check \(table) \(words[2]) name=\(name)"
        case "fk":
            guard let end = words[2].range(of: " on_update=RESTRICT on_delete=RESTRICT") else { return nil }
            // `(namespace_id) -> metadef_namespaces (id)` is `(namespace_id) -> metadef_namespaces(id)` there.
            return "fk \(table) \(words[2][..<end.lowerBound].replacing(" (", with: "(")) name=\(name)"
        default:
            return nil
        }
    }

    @Test(arguments: TestBackend.all)
    func legacyVersionsAreToldApartWhereTheirSchemasDiffer(_ backend: TestBackend) throws {
        let known = KnownSchemas(dialect: backend.dialect)
        let prints = try [42, 43, 44, 45].map { Fingerprint(try #require(known.legacy($0))) }
        // 044 only updates rows, so 43 and 44 share a schema; every other pair differs.
        #expect(prints[1] == prints[2])
        #expect(Set(prints).count == 3)
        // Legacy 42 (SQLite) differs from Alembic's liberty by its constraints, and equals it on PostgreSQL.
        let liberty = Fingerprint(known.alembic(["liberty"]))
        #expect((prints[0] == liberty) == (backend == .postgresql))
    }
}
