import DatabaseCore
import Foundation
import Testing
import TestSupport

/// `db purge` and `db purge_images_table` through the built binary.
@Suite struct PurgeCLITests {
    /// Glance's checks come before any database access: a missing SQLite file is not even created.
    @Test(arguments: [
        (["purge", "--max_rows", "-2"], 1, "Minimal rows limit is -1.\n"),
        (["purge", "--age_in_days", "-1"], 1, "Must supply a non-negative value for age.\n"),
        (["purge", "-1"], 1, "Must supply a non-negative value for age.\n"),
        (["purge", "abcd"], 1, "Invalid int value for age_in_days: abcd\n"),
        (["purge", "1", "abcd"], 1, "Invalid int value for max_rows: abcd\n"),
        (["purge", "--max_rows", "2147483648"], 1, "'max_rows' value out of range, must not exceed 2147483647.\n"),
        (["purge_images_table", "--age_in_days", "100000"], 1, "Maximal age is count of days since epoch.\n"),
        (["purge", "--age_in_days", "x"], 2, nil),
        (["purge_images_table", "--max_rows", "1.5"], 2, nil),
        (["purge", "--bogus"], 2, nil),
    ] as [([String], Int32, String?)])
    func invalidValuesAreRefusedWithGlancesMessages(_ arguments: [String], _ status: Int32, _ stderr: String?) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("purge-\(UUID().uuidString).sqlite").path
        let r = try GlanceManageBinary.run(["db"] + arguments + ["--connection", "sqlite:///\(path)"])
        #expect(r.status == status, "\(r)")
        if let stderr { #expect(r.stderr == stderr) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: TestBackend.all)
    func purgeEmptiesOldRowsTableByTableAndKeepsImages(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]
        #expect(try GlanceManageBinary.run(c + ["db", "sync"]).status == 0)
        let fixture = PurgeFixture(database: try scratch.connect())
        try fixture.image("old", deletedDaysAgo: 40)
        try fixture.child("image_properties", image: "old", deletedDaysAgo: 40)
        try fixture.child("image_tags", image: "old", deletedDaysAgo: 35)
        try fixture.child("image_tags", image: "old", deletedDaysAgo: 5, number: 1)
        try fixture.task("old-task", deletedDaysAgo: 31)
        try fixture.task("new-task", deletedDaysAgo: 29)

        let r = try GlanceManageBinary.run(c + ["db", "purge"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.isEmpty)
        let messages = r.stderr.split(separator: "\n").map { String($0.split(separator: "[-] ").last!) }
        #expect(messages == [
            "Purging deleted rows older than 30 day(s) from table task_info", "Deleted 1 row(s) from table task_info",
            "Purging deleted rows older than 30 day(s) from table image_properties", "Deleted 1 row(s) from table image_properties",
            "Purging deleted rows older than 30 day(s) from table image_tags", "Deleted 1 row(s) from table image_tags",
            "Purging deleted rows older than 30 day(s) from table image_locations", "Deleted 0 row(s) from table image_locations",
            "Purging deleted rows older than 30 day(s) from table image_members", "Deleted 0 row(s) from table image_members",
            "Purging deleted rows older than 30 day(s) from table tasks", "Deleted 1 row(s) from table tasks",
        ])
        #expect(r.stderr.contains(" INFO glance.db.sqlalchemy.api [-] "))
        #expect(try fixture.count("images") == 1)
        #expect(try fixture.count("image_tags") == 1)
        #expect(try fixture.count("tasks") == 1)
        #expect(try fixture.count("task_info") == 1)
    }

    @Test(arguments: TestBackend.all)
    func purgeImagesTableDefaultsTo180DaysAndFailsOnAReferencedImage(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let c = ["--connection", scratch.url]
        #expect(try GlanceManageBinary.run(c + ["db", "sync"]).status == 0)
        let fixture = PurgeFixture(database: try scratch.connect())
        try fixture.image("recent", deletedDaysAgo: 100)
        try fixture.image("ancient", deletedDaysAgo: 200)
        try fixture.image("tagged", deletedDaysAgo: 15)
        try fixture.child("image_tags", image: "tagged", deletedDaysAgo: nil)

        var r = try GlanceManageBinary.run(c + ["db", "purge_images_table"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("Purging deleted rows older than 180 day(s) from table images"))
        #expect(r.stderr.contains("Deleted 1 row(s) from table images"))
        #expect(try fixture.count("images") == 2)

        r = try GlanceManageBinary.run(c + ["db", "purge_images_table", "--age_in_days", "10", "--max_rows", "-1"])
        #expect(r.status == 1)
        #expect(r.stderr.hasSuffix("\nPurge command failed, check glance-manage logs for more details.\n"), "\(r)")
        #expect(r.stderr.contains(" ERROR glance.db.sqlalchemy.api [-] DBError detected when purging from images: "))
        #expect(try fixture.count("images") == 2, "the failed batch deleted nothing")
    }

    @Test(arguments: TestBackend.all)
    func aDatabaseThatWasNeverSyncedIsRefusedInOneLine(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let r = try GlanceManageBinary.run(["--connection", scratch.url, "db", "purge"])
        #expect(r.status == 1)
        #expect(r.stderr == "ERROR: the database has no Glance image and task tables; run glance-manage db sync first\n")
    }
}
