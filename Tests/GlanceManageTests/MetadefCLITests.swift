import DatabaseCore
import Foundation
import Testing
import TestSupport

/// `db load_metadefs`, `unload_metadefs` and `export_metadefs` through the built binary, on every backend.
@Suite struct MetadefCLITests {
    func synced(_ backend: TestBackend) throws -> (ScratchDatabase, [String]) {
        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]
        let r = try GlanceManageBinary.run(c + ["db", "sync"])
        #expect(r.status == 0, "\(r)")
        return (scratch, c)
    }

    /// The real tool's export has crashed since 27.0.0; ours writes files that load back into the same rows.
    @Test(arguments: TestBackend.all)
    func loadExportAndLoadAgainGivesTheSameRows(_ backend: TestBackend) throws {
        let (a, ca) = try synced(backend)
        let source = try MetadefSamples.mixedDirectory()
        var r = try GlanceManageBinary.run(ca + ["db", "load_metadefs", "--path", source.path])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("ERROR glance.db.sqlalchemy.metadata [-] Failed to parse json file \(source.path)/broken.json while populating metadata due to: "))
        #expect(r.stderr.contains("wrong-shape.json while populating metadata due to: 'tags' is not a list. File skipped."))
        #expect(r.stderr.contains("INFO glance.db.sqlalchemy.metadata [-] File \(source.path)/compute.json loaded to database."))
        #expect(r.stderr.hasSuffix("INFO glance.db.sqlalchemy.metadata [-] Metadata loading finished\n"))

        let exported = try MetadefSamples.directory([:])
        r = try GlanceManageBinary.run(ca + ["db", "export_metadefs", "--path", exported.path])
        #expect(r.status == 0, "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: exported.path).sorted() ==
                ["TestComputeÜnïcode.json", "TestStorage.json"])
        #expect(r.stderr.contains("Namespace TestStorage saved in \(exported.path)/TestStorage.json"))

        let (b, cb) = try synced(backend)
        r = try GlanceManageBinary.run(cb + ["db", "load_metadefs", "--path", exported.path + "/"])
        #expect(r.status == 0, "\(r)")
        let rows = try MetadefRows.snapshot(a.connect())
        #expect(rows.count == 16)
        #expect(try MetadefRows.snapshot(b.connect()) == rows)
    }

    @Test(arguments: TestBackend.all)
    func mergeOptionsFollowGlancesRules(_ backend: TestBackend) throws {
        let (scratch, c) = try synced(backend)
        let source = try MetadefSamples.directory(["compute.json": MetadefSamples.compute])
        var r = try GlanceManageBinary.run(c + ["db", "load_metadefs", "--path", source.path, "--overwrite"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("ERROR glance.db.sqlalchemy.metadata [-] To use --prefer_new or --overwrite you need to combine of these options with --merge option."))
        r = try GlanceManageBinary.run(c + ["db", "load_metadefs", "--path", source.path, "--merge", "--prefer_new", "--overwrite"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("Please provide no more than one option from this list: --prefer_new, --overwrite"))
        #expect(try MetadefRows.snapshot(scratch.connect()).isEmpty)

        // Glance's legacy spelling: db_load_metadefs <path> [merge [prefer_new [overwrite]]].
        r = try GlanceManageBinary.run(c + ["db_load_metadefs", source.path])
        #expect(r.status == 0, "\(r)")
        r = try GlanceManageBinary.run(c + ["db", "load_metadefs", "--path", source.path])
        #expect(r.stderr.contains("INFO glance.db.sqlalchemy.metadata [-] Skipping namespace OS::Test::Compute. It already exists in the database."))
        r = try GlanceManageBinary.run(c + ["db_load_metadefs", source.path, "True", "False", "True"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("Overwriting namespace OS::Test::Compute"))
        #expect(try MetadefRows.counts(scratch.connect())["metadef_properties"] == 2)
    }

    @Test(arguments: TestBackend.all)
    func unloadClearsEveryTable(_ backend: TestBackend) throws {
        let (scratch, c) = try synced(backend)
        try GlanceManageBinary.run(c + ["db", "load_metadefs", "--path", MetadefSamples.mixedDirectory().path])
        let r = try GlanceManageBinary.run(c + ["db", "unload_metadefs"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.split(separator: "\n").map { String($0.split(separator: "[-] ").last!) } == [
            "Table metadef_properties has been cleared", "Table metadef_objects has been cleared",
            "Table metadef_tags has been cleared", "Table metadef_namespace_resource_types has been cleared",
            "Table metadef_namespaces has been cleared", "Table metadef_resource_types has been cleared",
        ])
        #expect(try MetadefRows.counts(scratch.connect()).values.allSatisfy { $0 == 0 })
    }

    @Test(arguments: TestBackend.all)
    func aDatabaseThatWasNeverSyncedIsRefusedInOneLine(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let directory = try MetadefSamples.mixedDirectory()
        for action in [["load_metadefs", "--path", directory.path], ["unload_metadefs"], ["export_metadefs", "--path", directory.path]] {
            let r = try GlanceManageBinary.run(["--connection", scratch.url, "db"] + action)
            #expect(r.status == 1, "\(action): \(r)")
            #expect(r.stderr == "ERROR: the database has no metadef tables; run glance-manage db sync first\n", "\(action)")
        }
    }

    @Test func theActionListNamesTheNewActionsWithGlancesHelp() throws {
        let r = try GlanceManageBinary.run(["db"])
        #expect(r.status == 2)
        for line in ["\texport_metadefs - Export metadefinitions data from database to files",
                     "\tload_metadefs - Load metadefinition json files to database",
                     "\tpurge - Purge deleted rows older than a given age from glance tables.",
                     "\tpurge_images_table - Purge deleted rows older than a given age from images table.",
                     "\tunload_metadefs - Unload metadefinitions from database"] {
            #expect(r.stdoutLines.contains(line))
        }
        let names = r.stdoutLines.dropFirst().map { $0.split(separator: " ").first! }
        #expect(names == names.sorted())
    }
}
