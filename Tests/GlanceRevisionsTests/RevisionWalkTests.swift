import DatabaseCore
import GlanceRevisions
import MigrationEngine
import Testing
import TestSupport

/// Glance's `test_walk_versions` with the per-revision `_pre_upgrade_*` / `_check_*` hooks of
/// `glance/tests/functional/db/migrations/` (spec §5.2), on every backend: each revision is applied on its
/// own, with data inserted before and checked after.
@Suite struct RevisionWalkTests {
    typealias Hook = @Sendable (any Database) throws -> Void

    static let now = "'2026-01-01 00:00:00'"

    static let preUpgrade: [String: Hook] = [
        "mitaka01": { (db: any Database) throws in
            let images = try #require(try db.introspectTable("images"))
            #expect(!images.hasIndex(named: "created_at_image_idx"))
            #expect(!images.hasIndex(named: "updated_at_image_idx"))
        },
        "mitaka02": { (db: any Database) throws in
            for (id, name) in [(9580, "OS::Nova::Instance"), (9581, "OS::Nova::Blah")] {
                try db.execute("INSERT INTO metadef_resource_types (id, name, protected, created_at, updated_at) VALUES (?, ?, FALSE, \(now), \(now))",
                               [.integer(Int64(id)), .text(name)])
            }
        },
        "ocata_expand01": { (db: any Database) throws in
            let images = try #require(try db.introspectTable("images"))
            #expect(images.column("is_public")?.isNullable == false)
            #expect(images.column("visibility") == nil)
            for (id, isPublic) in [("public_id", true), ("shared_id", false), ("private_id_1", false), ("private_id_2", false)] {
                try db.execute("INSERT INTO images (id, status, is_public, created_at, deleted, min_disk, min_ram) VALUES (?, 'active', \(isPublic ? "TRUE" : "FALSE"), \(now), FALSE, 0, 0)", [.text(id)])
            }
            for (id, image, member, deleted) in [(45, "shared_id", "fake_member_452", false), (453, "shared_id", "fake_member_453", true),
                                                 (451, "private_id_2", "fake_member_451", true), (450, "public_id", "fake_member_450", false)] {
                try db.execute("INSERT INTO image_members (id, image_id, member, can_share, created_at, deleted) VALUES (?, ?, ?, TRUE, \(now), \(deleted ? "TRUE" : "FALSE"))",
                               [.integer(Int64(id)), .text(image), .text(member)])
            }
        },
        "pike_contract01": { (db: any Database) throws in
            for table in artifactTables { #expect(try db.tableExists(table), "\(table)") }
        },
        "rocky_expand01": { (db: any Database) throws in #expect(try db.introspectTable("images")?.column("os_hidden") == nil) },
        "rocky_expand02": { (db: any Database) throws in
            let images = try #require(try db.introspectTable("images"))
            #expect(images.column("os_hash_algo") == nil && images.column("os_hash_value") == nil)
        },
        "train_expand01": { (db: any Database) throws in
            for (id, image, value, meta) in [(1, "public_id", "image_location_1", "{\"backend\": \"fast\"}"),
                                             (2, "shared_id", "image_location_2", "{\"backend\": \"cheap\"}")] {
                try db.execute("INSERT INTO image_locations (id, image_id, value, meta_data, created_at, deleted) VALUES (?, ?, ?, ?, \(now), FALSE)",
                               [.integer(Int64(id)), .text(image), .text(value), .text(meta)])
            }
        },
        "wallaby_expand01": { (db: any Database) throws in
            let tasks = try #require(try db.introspectTable("tasks"))
            #expect(tasks.column("image_id") == nil && !tasks.hasIndex(named: "ix_tasks_image_id"))
        },
        "2024_1_expand01": { (db: any Database) throws in
            #expect(try !db.tableExists("node_reference"))
            #expect(try !db.tableExists("cached_images"))
        },
    ]

    static let check: [String: Hook] = [
        "mitaka01": { (db: any Database) throws in
            let images = try #require(try db.introspectTable("images"))
            #expect(images.hasIndex(named: "created_at_image_idx") && images.hasIndex(named: "updated_at_image_idx"))
        },
        "mitaka02": { (db: any Database) throws in
            #expect(try db.query("SELECT id FROM metadef_resource_types WHERE name = 'OS::Nova::Instance'").isEmpty)
            #expect(try db.query("SELECT id FROM metadef_resource_types WHERE name = 'OS::Nova::Server'").count == 1)
        },
        "ocata_expand01": { (db: any Database) throws in
            let images = try #require(try db.introspectTable("images"))
            #expect(images.column("is_public")?.isNullable == true)
            #expect(images.column("visibility")?.isNullable == true)
            #expect(images.hasIndex(named: "visibility_image_idx"))
            let rows = try db.query("SELECT id FROM images WHERE visibility IS NULL ORDER BY id")
            #expect(rows.map { $0["id"].stringValue } == ["private_id_1", "private_id_2", "public_id", "shared_id"])
            #expect(try GlanceRevisions.ocataMigrate01.isPending(in: db))
        },
        "ocata_contract01": { (db: any Database) throws in
            let images = try #require(try db.introspectTable("images"))
            #expect(images.column("is_public") == nil)
            #expect(images.column("visibility")?.isNullable == false)
            #expect(images.column("visibility")?.defaultValue == "'shared'")
            let rows = try db.query("SELECT id, visibility FROM images ORDER BY id")
            #expect(rows.map { "\($0["id"]):\($0["visibility"])" } == [
                "private_id_1:private", "private_id_2:private", "public_id:public", "shared_id:shared"])
            #expect(try !GlanceRevisions.ocataMigrate01.isPending(in: db))
        },
        "pike_contract01": { (db: any Database) throws in
            for table in artifactTables { #expect(try !db.tableExists(table), "\(table)") }
        },
        "rocky_expand01": { (db: any Database) throws in #expect(try db.introspectTable("images")?.column("os_hidden")?.isNullable == false) },
        "rocky_expand02": { (db: any Database) throws in
            let images = try #require(try db.introspectTable("images"))
            #expect(images.column("os_hash_algo")?.isNullable == true && images.column("os_hash_value")?.isNullable == true)
            #expect(images.hasIndex(named: "os_hash_value_image_idx"))
        },
        "train_expand01": { (db: any Database) throws in
            #expect(try db.query("SELECT id FROM image_locations WHERE meta_data LIKE '%\"backend\":%'").count == 2)
            #expect(try GlanceRevisions.trainMigrate01.isPending(in: db))
            #expect(try WriteTransaction.run(on: db) { try GlanceRevisions.trainMigrate01.run(in: $0) } == 2)
            #expect(try db.query("SELECT id FROM image_locations WHERE meta_data LIKE '%\"store\":%'").count == 2)
            #expect(try !GlanceRevisions.trainMigrate01.isPending(in: db))
        },
        "wallaby_expand01": { (db: any Database) throws in
            let tasks = try #require(try db.introspectTable("tasks"))
            for column in ["image_id", "request_id", "user_id"] { #expect(tasks.column(column)?.isNullable == true) }
            #expect(tasks.hasIndex(named: "ix_tasks_image_id"))
        },
        "2024_1_expand01": { (db: any Database) throws in
            let node = try #require(try db.introspectTable("node_reference"))
            #expect(node.columns.map(\.name) == ["node_reference_id", "node_reference_url"])
            #expect(node.hasIndex(named: "uq_node_reference_node_reference_url"))
            let cached = try #require(try db.introspectTable("cached_images"))
            #expect(cached.columns.map(\.name) == ["id", "image_id", "last_accessed", "last_modified", "size", "hits", "checksum", "node_reference_id"])
            #expect(cached.hasIndex(named: "ix_cached_images_image_id_node_reference_id"))
        },
    ]

    static let artifactTables = ["artifacts", "artifact_blobs", "artifact_dependencies", "artifact_properties",
                                 "artifact_tags", "artifact_blob_locations"]

    @Test(arguments: TestBackend.all)
    func walkEveryRevisionWithData(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        let migrator = Migrator(map: GlanceRevisions.map)
        var checked: [String] = []
        let simulator = SchemaSimulator(dialect: backend.dialect)
        var simulated = Schema()
        for revision in GlanceRevisions.map.upgradePlan(from: [], to: GlanceRevisions.map.heads) {
            try Self.preUpgrade[revision.id]?(db)
            let applied = try migrator.upgrade(db, to: revision.id)
            #expect(applied.map(\.id) == [revision.id])
            #expect(GlanceRevisions.map.ancestorsOrSelf(ofAny: try migrator.currentHeads(in: db)).contains(revision.id))
            // The offline simulation predicts exactly what introspection reads back.
            simulated = simulator.schema(applying: [revision], to: simulated)
            let diff = SchemaDiff(simulated, try db.introspect().excluding(tables: ["alembic_version"]))
            #expect(diff.isEmpty, "after \(revision.id):\n\(diff)")
            if let check = Self.check[revision.id] {
                try check(db)
                checked.append(revision.id)
            }
        }
        #expect(Set(checked) == Set(Self.check.keys))
        #expect(try migrator.currentHeads(in: db) == ["2024_1_contract01"])
    }
}
