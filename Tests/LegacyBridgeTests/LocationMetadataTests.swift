import DatabaseCore
import Foundation
import LegacyBridge
import MigrationEngine
import LegacyScripts
import MigrationEngine
import Testing
import TestSupport

/// Legacy 029 on a Havana-era database whose `image_locations.meta_data` holds the pickles real deployments
/// have (store metadata written by Python 2 Glance, and by Python 3 at every protocol), converted to the JSON
/// text Glance's 029 wrote (`Fixtures/legacy/pickles.jsonl`).
@Suite struct LocationMetadataTests {
    static let image = "0b7d5bd1-3b3e-4f0e-9c1f-6a4c3e7c1a5e"

    /// Our legacy scripts up to 028, one image, and one location per pickle.
    static func legacy28(_ backend: TestBackend, pickles: [[UInt8]]) throws -> (ScratchDatabase, any Database) {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        try LegacyMigrator().versionControl(db)
        try WriteTransaction.run(on: db) { _ = try LegacyMigrator().upgrade($0, from: 0, to: 28) }
        try db.execute("""
            INSERT INTO images (id, name, status, is_public, created_at, deleted, min_disk, min_ram, protected)
            VALUES (?, 'cirros', 'active', TRUE, '2013-10-17 12:00:00', FALSE, 0, 0, FALSE)
            """, [.text(image)])
        for (index, pickle) in pickles.enumerated() {
            try db.execute("""
                INSERT INTO image_locations (id, image_id, value, meta_data, created_at, deleted)
                VALUES (?, ?, ?, ?, '2013-10-17 12:00:00', FALSE)
                """, [.integer(Int64(index + 1)), .text(image), .text("file:///var/lib/glance/images/\(index)"),
                      .blob(pickle)])
        }
        return (scratch, db)
    }

    @Test(arguments: TestBackend.all)
    func picklesBecomeGlancesJSON(_ backend: TestBackend) throws {
        let vectors = try PickleReaderTests.vectors().filter { $0.json != nil }
        let (scratch, db) = try Self.legacy28(backend, pickles: vectors.map(\.pickle))
        _ = scratch
        try WriteTransaction.run(on: db) { _ = try LegacyMigrator().upgrade($0, from: 28, to: 29) }
        let stored = try db.query("SELECT id, meta_data FROM image_locations ORDER BY id")
        #expect(stored.count == vectors.count)
        for (row, vector) in zip(stored, vectors) {
            // Glance's 029 leaves the default '{}' where the pickle is an empty dict.
            #expect(row["meta_data"].stringValue == vector.json, "\(vector.origin) on \(backend)")
        }
    }

    @Test(arguments: TestBackend.all)
    func aPickleThatNamesAClassRefusesTheUpgradeUnchanged(_ backend: TestBackend) throws {
        let vectors = try PickleReaderTests.vectors()
        let plain = try #require(vectors.first { $0.origin == "python 2.7 protocol 2" && $0.json != "{}" })
        let evil = try #require(vectors.first { $0.origin.contains("os.system") })
        let (scratch, db) = try Self.legacy28(backend, pickles: [plain.pickle, evil.pickle])
        let before = try DatabaseSnapshot(scratch)
        let rowsBefore = try db.query("SELECT id, meta_data FROM image_locations ORDER BY id")
        #expect(throws: BridgeError.self) {
            try WriteTransaction.run(on: db) { _ = try LegacyMigrator().upgrade($0, from: 28, to: 29) }
        }
        let refusal = try #require(try LegacyMigrator().refusals(in: db, from: 28, to: 29).first)
        #expect(refusal.hasPrefix("legacy 029 cannot convert the location metadata of image_locations.id 2 "
            + "(image \(Self.image)) to JSON: it names the Python global"), "\(refusal)")
        #expect(try DatabaseSnapshot(scratch) == before)
        #expect(try db.query("SELECT id, meta_data FROM image_locations ORDER BY id") == rowsBefore)
        #expect(try LegacyVersionTable.version(in: db) == 28)
    }
}
