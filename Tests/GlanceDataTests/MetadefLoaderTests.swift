import DatabaseCore
import Foundation
import GlanceData
import Testing
import TestSupport

@Suite struct MetadefLoaderTests {
    @Test(arguments: TestBackend.all)
    func loadsEveryFileAndSkipsMalformedOnesWithAMessage(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        let log = LogRecorder()
        let directory = try MetadefSamples.mixedDirectory()
        let summary = try MetadefLoader(database: db, now: fixedNow, log: log.sink)
            .load(from: directory.path, options: MetadefLoadOptions())

        #expect(summary.loaded.map { URL(fileURLWithPath: $0).lastPathComponent } == ["compute.json", "storage.json"])
        #expect(summary.malformed.map { URL(fileURLWithPath: $0).lastPathComponent } == ["broken.json", "wrong-shape.json"])
        #expect(try MetadefRows.counts(db) == [
            "metadef_namespaces": 2, "metadef_resource_types": 3, "metadef_namespace_resource_types": 4,
            "metadef_properties": 3, "metadef_objects": 2, "metadef_tags": 2,
        ])
        #expect(log.contains(.error, "Failed to parse json file \(directory.appendingPathComponent("broken.json").path) while populating metadata due to: Expecting property name enclosed in double quotes"))
        #expect(log.contains(.error, "wrong-shape.json while populating metadata due to: 'tags' is not a list. File skipped."))
        #expect(log.contains(.info, "File \(directory.appendingPathComponent("compute.json").path) loaded to database."))
        #expect(log.lines.last == "INFO Metadata loading finished")

        // json_schema holds Python's json.dumps text of the file's value, member order and all.
        let speed = try db.query("SELECT json_schema FROM metadef_properties WHERE name = 'hw_speed'").first?["json_schema"]
        #expect(speed == .text(#"{"title": "Speed", "type": "integer", "minimum": 1, "ratio": 0.5, "huge": 1e+20, "enum": [1, 2]}"#))
        let object = try #require(try db.query("SELECT required, json_schema, created_at FROM metadef_objects WHERE name = 'CPU Limits'").first)
        #expect(object["required"] == .text("hw_speed,hw_mode"))
        // Glance's MariaDB columns are DATETIME without fractional seconds (modern-mariadb-head.sql), so
        // MariaDB drops the .25 there, as it does under real Glance.
        let stored = backend == .mysql ? "2024-05-01 10:00:00" : "2024-05-01 10:00:00.25"
        #expect(object["created_at"].stringValue?.hasPrefix(stored) == true, "\(object)")
        let bare = try db.query("SELECT required, json_schema FROM metadef_objects WHERE name = 'Bare'").first
        #expect(bare?["json_schema"] == .text("null"))
        #expect(bare?["required"] == .null)
        // Owner defaults to admin; resource types created by a load are protected.
        #expect(try db.query("SELECT owner FROM metadef_namespaces WHERE namespace = 'OS::Test::Compute'").first?["owner"] == .text("admin"))
        #expect(try db.query("SELECT COUNT(*) AS n FROM metadef_resource_types WHERE protected = ?", [1]).first?["n"].intValue == 3)
    }

    /// A file the database refuses half-way (here a trigger on metadef_tags) is rolled back as a whole; the
    /// next file still loads.
    @Test(arguments: TestBackend.all)
    func aFileThatFailsHalfWayLeavesNothingBehind(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        switch backend {
        case .sqlite:
            try db.executeScript("CREATE TRIGGER refuse_tags BEFORE INSERT ON metadef_tags BEGIN SELECT RAISE(ABORT, 'tags refused'); END")
        case .postgresql:
            try db.executeScript("""
                CREATE FUNCTION refuse_tags() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'tags refused'; END $$;
                CREATE TRIGGER refuse_tags BEFORE INSERT ON metadef_tags FOR EACH ROW EXECUTE FUNCTION refuse_tags();
                """)
        case .mysql:
            try db.executeScript("""
                CREATE TRIGGER refuse_tags BEFORE INSERT ON metadef_tags FOR EACH ROW
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'tags refused'
                """)
        }
        let log = LogRecorder()
        let directory = try MetadefSamples.directory(["compute.json": MetadefSamples.compute, "storage.json": MetadefSamples.storage])
        let summary = try MetadefLoader(database: db, now: fixedNow, log: log.sink)
            .load(from: directory.path, options: MetadefLoadOptions())
        #expect(summary.failed.count == 1)
        #expect(summary.loaded.count == 1)
        #expect(log.contains(.error, "compute.json: tags refused"))
        let rows = try MetadefRows.snapshot(db)
        #expect(!rows.contains { $0.contains("OS::Test::Compute") || $0.contains("OS::Nova::Flavor") })
        #expect(rows.contains("namespace | OS::Test::Storage | Test Storage | NULL | private | 0 | ops"))
    }

    @Test(arguments: TestBackend.all)
    func existingNamespacesFollowMergePreferNewAndOverwrite(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        let first = #"{"namespace": "OS::Test::N", "description": "old", "properties": {"a": {"type": "string"}, "gone": {}}, "tags": [{"name": "t"}]}"#
        let second = #"{"namespace": "OS::Test::N", "description": "new", "properties": {"a": {"type": "integer"}, "b": {}}}"#
        let v1 = try MetadefSamples.directory(["n.json": first]).appendingPathComponent("n.json").path
        let v2 = try MetadefSamples.directory(["n.json": second]).appendingPathComponent("n.json").path
        let log = LogRecorder()
        let loader = MetadefLoader(database: db, now: fixedNow, log: log.sink)
        func state() throws -> [String] {
            try MetadefRows.snapshot(db).filter { $0.hasPrefix("namespace") || $0.hasPrefix("property") || $0.hasPrefix("tag") }
        }
        try loader.load(from: v1, options: MetadefLoadOptions())
        let original = try state()

        var summary = try loader.load(from: v2, options: MetadefLoadOptions())
        #expect(summary.skippedExisting == [v2])
        #expect(log.contains(.info, "Skipping namespace OS::Test::N. It already exists in the database."))
        #expect(try state() == original)

        summary = try loader.load(from: v2, options: MetadefLoadOptions(merge: true))
        #expect(summary.loaded == [v2])
        #expect(try state() == [
            "namespace | OS::Test::N | NULL | old | NULL | NULL | admin",
            #"property | OS::Test::N | a | {"type": "string"}"#, "property | OS::Test::N | b | {}",
            "property | OS::Test::N | gone | {}", "tag | OS::Test::N | t",
        ])

        try loader.load(from: v2, options: MetadefLoadOptions(merge: true, preferNew: true))
        #expect(try state() == [
            "namespace | OS::Test::N | NULL | new | NULL | NULL | admin",
            #"property | OS::Test::N | a | {"type": "integer"}"#, "property | OS::Test::N | b | {}",
            "property | OS::Test::N | gone | {}", "tag | OS::Test::N | t",
        ])
        #expect(try db.query("SELECT updated_at FROM metadef_namespaces").first?["updated_at"] != .null)

        try loader.load(from: v2, options: MetadefLoadOptions(merge: true, overwrite: true))
        #expect(log.contains(.info, "Overwriting namespace OS::Test::N"))
        #expect(try state() == [
            "namespace | OS::Test::N | NULL | new | NULL | NULL | admin",
            #"property | OS::Test::N | a | {"type": "integer"}"#, "property | OS::Test::N | b | {}",
        ])
    }

    @Test(arguments: [
        (MetadefLoadOptions(preferNew: true), "To use --prefer_new or --overwrite you need to combine of these options with --merge option."),
        (MetadefLoadOptions(overwrite: true), "To use --prefer_new or --overwrite you need to combine of these options with --merge option."),
        (MetadefLoadOptions(merge: true, preferNew: true, overwrite: true), "Please provide no more than one option from this list: --prefer_new, --overwrite"),
    ])
    func conflictingOptionsAreRefusedWithGlancesMessage(_ options: MetadefLoadOptions, _ message: String) throws {
        #expect(options.conflict == message)
    }

    @Test(arguments: TestBackend.all)
    func missingOrEmptyPathsAreLoggedAndLoadNothing(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        let log = LogRecorder()
        let loader = MetadefLoader(database: db, now: fixedNow, log: log.sink)
        try loader.load(from: "/nonexistent/metadefs", options: MetadefLoadOptions())
        #expect(log.contains(.error, "[Errno 2] No such file or directory: '/nonexistent/metadefs'"))
        let empty = try MetadefSamples.directory(["README.txt": "x"])
        try loader.load(from: empty.path, options: MetadefLoadOptions())
        #expect(log.contains(.error, "Json schema files not found in \(empty.path). Aborting."))
        #expect(try MetadefRows.snapshot(db).isEmpty)
    }

    @Test(arguments: TestBackend.all)
    func unloadClearsAllSixTablesInGlancesOrder(_ backend: TestBackend) throws {
        let synced = try SyncedScratch(backend)
        let db = synced.db
        try MetadefLoader(database: db, now: fixedNow, log: { _, _ in })
            .load(from: MetadefSamples.mixedDirectory().path, options: MetadefLoadOptions())
        let log = LogRecorder()
        try MetadefTables.unload(from: db, log: log.sink)
        #expect(try MetadefRows.counts(db).values.allSatisfy { $0 == 0 })
        #expect(log.lines == MetadefTables.clearingOrder.map { "INFO Table \($0) has been cleared" })
    }

    @Test(arguments: TestBackend.all)
    func aDatabaseWithoutMetadefTablesIsRefused(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        #expect(throws: GlanceDataError.self) {
            try MetadefLoader(database: db, now: fixedNow, log: { _, _ in })
                .load(from: MetadefSamples.mixedDirectory().path, options: MetadefLoadOptions())
        }
        do {
            try MetadefTables.unload(from: db, log: { _, _ in })
        } catch {
            #expect("\(error)" == "ERROR: the database has no metadef tables; run glance-manage db sync first")
        }
    }
}
