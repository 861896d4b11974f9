import DatabaseCore
import LegacyBridge
import MigrationEngine
import LegacyScripts
import Testing
import TestSupport

/// Glance's legacy walk (`WalkVersionsMixin`, spec §5.3) on our own `legacy/` scripts: version control at
/// 0, then every version with data inserted before and checked after; the schema at 41-45 must equal
/// the real legacy databases Glance's scripts built (the reference dumps).
@Suite struct LegacyScriptsTests {
    typealias Hook = @Sendable (any Database) throws -> Void
    static let t = "'1999-01-02 04:10:20'"

    /// Rows inserted when the database is at the key's version minus one.
    static let before: [Int: Hook] = [
        3: { (db: any Database) throws in
            // `key` is a reserved word in MySQL.
            try db.executeScript("""
                INSERT INTO images (id, name, type, status, is_public, created_at, updated_at, deleted) VALUES
                  (1, 'kernel migration 012 test', 'kernel', 'active', TRUE, \(t), \(t), FALSE),
                  (2, 'ramdisk migration 012 test', 'ramdisk', 'active', TRUE, \(t), \(t), FALSE),
                  (3, 'normal migration 012 test', NULL, 'active', TRUE, \(t), NULL, FALSE);
                INSERT INTO image_properties (image_id, \(db.dialect.quote("key")), value, created_at, deleted) VALUES
                  (3, 'kernel_id', '1', \(t), FALSE), (3, 'ramdisk_id', '2', \(t), FALSE)
                """)
        },
        9: { (db: any Database) throws in
            try db.execute("INSERT INTO image_members (image_id, member, can_share, created_at, deleted) VALUES (3, 'foobar', FALSE, \(t), FALSE)")
        },
        15: { (db: any Database) throws in
            try db.execute("UPDATE images SET location = 'swift://acct:usr:pass@example.com/container/obj-id' WHERE name LIKE 'kernel%'")
            try db.execute("UPDATE images SET location = 'file://foo' WHERE name LIKE 'ramdisk%'")
        },
        31: { (db: any Database) throws in
            let image = try #require(try db.query("SELECT id FROM images WHERE name LIKE 'normal%'").first?["id"].stringValue)
            for value in ["file://ab", "file://ab", "file://ab1"] {
                try db.execute("INSERT INTO image_locations (image_id, value, meta_data, created_at, deleted) VALUES (?, ?, '{}', \(t), FALSE)",
                               [.text(image), .text(value)])
            }
        },
        32: { (db: any Database) throws in
            try db.execute("INSERT INTO tasks (id, type, status, owner, input, result, created_at, deleted) VALUES ('task-1', 'import', 'active', 'TENANT', 'some input', 'successful', \(t), FALSE)")
        },
        45: { (db: any Database) throws in
            try db.execute("UPDATE images SET is_public = FALSE WHERE name LIKE 'normal%'")
            try db.execute("UPDATE images SET is_public = FALSE WHERE name LIKE 'ramdisk%'")
        },
    ]

    static let after: [Int: Hook] = [
        3: { (db: any Database) throws in
            #expect(try db.introspectTable("images")?.column("type") == nil)
            let key = db.dialect.quote("key")
            #expect(try db.query("SELECT value FROM image_properties WHERE \(key) = 'type' ORDER BY value")
                        .map { $0["value"].stringValue } == ["kernel", "ramdisk"])
        },
        10: { (db: any Database) throws in
            #expect(try db.query("SELECT id FROM images WHERE updated_at IS NULL").isEmpty)
        },
        12: { (db: any Database) throws in
            let images = try db.query("SELECT id, name FROM images ORDER BY name")
            #expect(images.count == 3)
            for image in images { #expect(image["id"].stringValue?.count == 36) }
            let kernel = images[0]["id"].stringValue, normal = images[1]["id"].stringValue, ramdisk = images[2]["id"].stringValue
            let properties = try db.query("SELECT name, value FROM image_properties WHERE image_id = ? AND name IN ('kernel_id', 'ramdisk_id') ORDER BY name", [.text(normal ?? "")])
            #expect(properties.map { $0["value"].stringValue } == [kernel, ramdisk])
            #expect(try db.query("SELECT image_id FROM image_members").map { $0["image_id"].stringValue } == [normal])
        },
        15: { (db: any Database) throws in
            let locations = try db.query("SELECT location FROM images WHERE location IS NOT NULL ORDER BY location").map { $0["location"].stringValue }
            #expect(locations == ["file://foo", "swift://acct%3Ausr:pass@example.com/container/obj-id"])
        },
        16: { (db: any Database) throws in
            #expect(try db.query("SELECT status FROM image_members").map { $0["status"].stringValue } == ["pending"])
        },
        19: { (db: any Database) throws in
            #expect(try db.query("SELECT value FROM image_locations ORDER BY value").map { $0["value"].stringValue }
                    == ["file://foo", "swift://acct%3Ausr:pass@example.com/container/obj-id"])
        },
        29: { (db: any Database) throws in
            #expect(try db.query("SELECT meta_data FROM image_locations").map { $0["meta_data"].stringValue } == ["{}", "{}"])
        },
        31: { (db: any Database) throws in
            #expect(try db.query("SELECT value FROM image_locations WHERE value LIKE 'file://ab%' ORDER BY value").map { $0["value"].stringValue }
                    == ["file://ab", "file://ab1"])
        },
        32: { (db: any Database) throws in
            let rows = try db.query("SELECT task_id, input, result, message FROM task_info")
            #expect(rows.map { "\($0["task_id"])|\($0["input"])|\($0["result"])|\($0["message"])" } == ["task-1|some input|successful|NULL"])
            #expect(try db.introspectTable("tasks")?.column("input") == nil)
        },
        33: { (db: any Database) throws in
            #expect(try db.query("SELECT DISTINCT status FROM image_locations").map { $0["status"].stringValue } == ["active"])
        },
        35: { (db: any Database) throws in
            #expect(try db.query("SELECT name FROM metadef_resource_types ORDER BY id").map { $0["name"].stringValue }
                    == ["OS::Glance::Image", "OS::Cinder::Volume", "OS::Nova::Flavor", "OS::Nova::Aggregate", "OS::Nova::Server"])
        },
        45: { (db: any Database) throws in
            let rows = try db.query("SELECT name, visibility FROM images ORDER BY name")
            #expect(rows.map { "\($0["name"])=\($0["visibility"])" } == [
                "kernel migration 012 test=public", "normal migration 012 test=shared", "ramdisk migration 012 test=private"])
        },
    ]

    /// Also, after every version, the live schema is the one simulated from the scripts (the bridge verifies a
    /// MySQL database against it before carrying it, since MySQL cannot roll a half-run script back), and on
    /// MariaDB the catalog at 0 and 41-45 is Glance's own, line for line (`*-mariadb.struct.txt`).
    @Test(arguments: TestBackend.all)
    func walkFromZeroMatchesTheRealLegacyDatabases(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = LegacyMigrator()
        try migrator.versionControl(db)
        try expectGlanceCatalog(db, atLegacy: 0, backend)
        for version in 1...LegacyScripts.latest {
            try Self.before[version]?(db)
            try WriteTransaction.run(on: db) { _ = try migrator.upgrade($0, from: version - 1, to: version) }
            #expect(try LegacyVersionTable.version(in: db) == version)
            try Self.after[version]?(db)
            let simulated = try #require(LegacyScripts.schema(at: version, dialect: backend.dialect))
            let live = try db.introspect().excluding(tables: KnownSchemas.versionTables)
            #expect(Fingerprint(live) == Fingerprint(simulated),
                    "legacy \(version) on \(backend), simulated vs live:\n\(SchemaDiff(simulated, live))")
            if version >= 41 {
                try expectGlanceCatalog(db, atLegacy: version, backend)
                let reference = try backend.makeScratch()
                let referenceDB = try reference.connect()
                try Fixtures.load("legacy\(version)-\(backend.fixtureTag).sql", into: referenceDB)
                let diff = SchemaDiff(try referenceDB.introspect().excluding(tables: KnownSchemas.versionTables),
                                      try db.introspect().excluding(tables: KnownSchemas.versionTables))
                #expect(diff.isEmpty, "legacy \(version) on \(backend):\n\(diff)")
            }
        }
    }

    /// On MariaDB, the catalog read straight from `information_schema` equals Glance's reference file.
    func expectGlanceCatalog(_ db: any Database, atLegacy version: Int, _ backend: TestBackend) throws {
        guard backend == .mysql else { return }
        let ours = try MariaDBCatalog.structLines(of: db)
        let glance = try MariaDBCatalog.referenceLines("legacy\(version)-mariadb.struct.txt")
        let onlyOurs = ours.filter { !glance.contains($0) }, onlyGlance = glance.filter { !ours.contains($0) }
        #expect(ours == glance, "legacy \(version): only ours \(onlyOurs), only Glance's \(onlyGlance)")
    }

    /// 021 on MySQL converts the Glance tables that are not InnoDB, and only those.
    @Test func legacy021ConvertsGlanceTablesToInnoDB() throws {
        let scratch = try TestBackend.mysql.makeScratch()
        let db = try scratch.connect()
        try db.executeScript("""
            CREATE TABLE image_tags (id INTEGER PRIMARY KEY) ENGINE=MyISAM;
            CREATE TABLE images (id VARCHAR(36) PRIMARY KEY) ENGINE=InnoDB;
            CREATE TABLE not_glance (id INTEGER PRIMARY KEY) ENGINE=MyISAM
            """)
        let convert = try #require(LegacyScripts.script(21)?.data)
        try convert(db)
        let engines = try db.query("""
            SELECT TABLE_NAME AS t, ENGINE AS e FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
            """).map { "\($0["t"])=\($0["e"])" }.sorted()
        #expect(engines == ["image_tags=InnoDB", "images=InnoDB", "not_glance=MyISAM"])
    }

    @Test func swiftLocationsAreQuotedAsGlanceDid() throws {
        let scratch = try TestBackend.sqlite.makeScratch()
        let db = try scratch.connect()
        try db.executeScript("CREATE TABLE images (id INTEGER PRIMARY KEY, location TEXT)")
        for (id, bad) in ["swift://http://acct:usr:pass@example.com/container/obj-id", "swift+http://container/obj-id",
                          "swift+http://acct:usr:pass@example.com/obj-id", "swift://acctusr@example.com/container/obj-id",
                          "swift://a@b:c@example.com/container/obj-id"].enumerated() {
            try db.execute("DELETE FROM images")
            try db.execute("INSERT INTO images VALUES (?, ?)", [.integer(Int64(id)), .text(bad)])
            let refusal = try #require(try LegacyMigrator().refusals(in: db, from: 14, to: 15).first)
            #expect(refusal.contains("legacy 015 cannot quote the swift credentials of image \(id)"))
            #expect(!refusal.contains("pass"), "credentials never appear in messages")
        }
    }
}
