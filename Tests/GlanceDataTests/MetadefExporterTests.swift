import DatabaseCore
import Foundation
@testable import GlanceData
import Testing
import TestSupport

@Suite struct MetadefExporterTests {
    /// Export, then load into an empty database: the same rows (ids and timestamps aside).
    @Test(arguments: TestBackend.all)
    func exportThenLoadIntoAnEmptyDatabaseGivesTheSameRows(_ backend: TestBackend) throws {
        let sourceScratch = try SyncedScratch(backend)
        let source = sourceScratch.db
        try MetadefLoader(database: source, now: fixedNow, log: { _, _ in })
            .load(from: MetadefSamples.mixedDirectory().path, options: MetadefLoadOptions())
        let exported = try MetadefSamples.directory([:])
        let log = LogRecorder()
        // No trailing slash: Glance would have written "<dir>TestStorage.json" beside the directory.
        let files = try MetadefExporter(database: source, log: log.sink).export(to: exported.path)
        #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["TestComputeÜnïcode.json", "TestStorage.json"])
        #expect(files.allSatisfy { $0.hasPrefix(exported.path + "/") })
        #expect(log.contains(.info, "Namespace TestStorage saved in \(exported.appendingPathComponent("TestStorage.json").path)"))

        let targetScratch = try SyncedScratch(backend)
        let target = targetScratch.db
        let summary = try MetadefLoader(database: target, now: Date(), log: { _, _ in })
            .load(from: exported.path, options: MetadefLoadOptions())
        #expect(summary.loaded.count == 2)
        #expect(try MetadefRows.snapshot(target) == MetadefRows.snapshot(source))
        #expect(try MetadefRows.snapshot(source).count == 16)

        // Exporting again over the same files says so.
        try MetadefExporter(database: source, log: log.sink).export(to: exported.path)
        #expect(log.contains(.info, "Overwriting: \(files[0])"))
    }

    @Test(arguments: TestBackend.all)
    func exportedFileHasGlancesKeysPlusOwnerAndRequired(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        try MetadefLoader(database: db, now: fixedNow, log: { _, _ in })
            .load(from: MetadefSamples.directory(["s.json": MetadefSamples.storage]).path, options: MetadefLoadOptions())
        let directory = try MetadefSamples.directory([:])
        let file = try #require(try MetadefExporter(database: db, log: { _, _ in }).export(to: directory.path).first)
        let json = try JSONValue(parsing: String(contentsOfFile: file, encoding: .utf8))
        guard case .object(let members) = json else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["namespace", "display_name", "description", "visibility", "protected", "owner",
                                       "resource_type_associations", "properties", "objects", "tags"])
        #expect(json["owner"] == "ops")
        #expect(json["protected"] == false)
        #expect(json["objects"] == .array([.object([.init("name", "Bare"), .init("description", nil),
                                                    .init("required", .array([])), .init("properties", nil)])]))
    }

    @Test func fileNamesDropNonWordCharactersAndNeverCollide() {
        func stem(_ display: String?, _ namespace: String = "OS::X") -> String {
            MetadefExporter.fileStem(MetadefDocument(namespace: namespace, displayName: display, description: nil,
                                                    visibility: nil, isProtected: nil, owner: "admin",
                                                    resourceTypeAssociations: [], properties: [], objects: [], tags: []))
        }
        #expect(stem("VMware Driver Options") == "VMwareDriverOptions")
        #expect(stem("CPU_Pinning (libvirt)") == "CPUPinninglibvirt")
        #expect(stem("Ünï—code 2") == "Ünïcode2")
        #expect(stem(nil) == "OSX")
        #expect(stem("---") == "OSX")
        var used = Set<String>()
        #expect(["A", "A", "A", "B"].map { MetadefExporter.uniqueStem($0, used: &used) } == ["A", "A2", "A3", "B"])
    }

    @Test(arguments: TestBackend.all)
    func aMissingDirectoryIsAnError(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        #expect(throws: GlanceDataError.self) {
            try MetadefExporter(database: db, log: { _, _ in }).export(to: "/nonexistent/export")
        }
    }
}
