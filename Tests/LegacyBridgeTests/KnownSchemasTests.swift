import DatabaseCore
import LegacyBridge
import Testing
import TestSupport

@Suite struct KnownSchemasTests {
    /// The offline legacy fingerprints equal what Glance's own legacy scripts produced (reference dumps).
    @Test(arguments: TestBackend.all, [42, 43, 44, 45])
    func legacySchemasMatchTheRealLegacyDatabases(_ backend: TestBackend, _ version: Int) throws {
        let scratch = try Fixtures.legacyDatabase(version, backend)
        let live = try scratch.connect().introspect().excluding(tables: KnownSchemas.versionTables)
        let expected = try #require(KnownSchemas(dialect: backend.dialect).legacy(version))
        let diff = SchemaDiff(expected, live)
        #expect(diff.isEmpty, "legacy \(version):\n\(diff)")
        #expect(KnownSchemas(dialect: backend.dialect).identify(live).contains(.legacy(version)))
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
