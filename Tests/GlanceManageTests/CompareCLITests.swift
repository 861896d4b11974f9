import Foundation
import Testing
import TestSupport

@Suite struct CompareCLITests {
    @Test func correlateListsThePairs() throws {
        let r = try GlanceManageBinary.run(["db", "correlate", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let pairs = try #require(json["correlations"] as? [[String: Any]])
        #expect(pairs.map { $0["legacy"] as? String } == ["001-042", "043", "044", "045"])
        #expect(pairs.last?["alembic"] as? [String] == ["ocata_expand01", "data:ocata_migrate01", "ocata_contract01"])
    }

    /// `db compare --all` on each dialect the legacy scripts run on (`ComparatorTests`): every pair
    /// equivalent, a JSON certificate written.
    @Test(arguments: TestBackend.all)
    func compareAllPassesAndWritesACertificate(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let certificate = FileManager.default.temporaryDirectory.appendingPathComponent("cert-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: certificate) }
        let r = try GlanceManageBinary.run(["db", "compare", "--all", "--dialect", backend.rawValue, "--seed", "5",
                                            "--certificate", certificate.path, "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines.filter { $0.contains(" on \(backend.rawValue) (seed 5") }.count == 5)
        #expect(!r.stdout.contains("UNEXPECTED"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: certificate)) as? [String: Any])
        #expect(json["unexpected"] as? Int == 0)
        #expect((json["certificates"] as? [[String: Any]])?.count == 5)
        // Scratch schemas are dropped again: the database is as empty as it was.
        #expect(try scratch.connect().introspect().tables.isEmpty)
    }

    @Test func mismatchedPairIsAUsageError() throws {
        let r = try GlanceManageBinary.run(["db", "compare", "045", "mitaka01"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("045 corresponds to ocata_expand01 + data:ocata_migrate01 + ocata_contract01, not mitaka01"))
    }
}
