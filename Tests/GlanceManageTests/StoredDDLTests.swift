import DatabaseCore
import Foundation
import Testing
import TestSupport

/// The CREATE statements SQLite stores (`sqlite_master`) after our commands are, text for text, the ones a
/// Glance 33.0.0 database holds, so an operator's `.schema` diff against a Glance-built database is empty.
/// The expected rows come from SQLite itself: the reference `.schema` dump loaded into an empty file
/// (SQLite stores a CREATE from its name on, so the shell's `IF NOT EXISTS` does not survive the load and
/// the autoindex rows are SQLite's own). Rows are compared as a set: Alembic's batch mode recreates a
/// table's indexes in Python set order, so even Glance's two dumps disagree on the order.
@Suite struct StoredDDLTests {
    @Test func aFreshSyncStoresGlancesStatements() throws {
        let scratch = try TestBackend.sqlite.makeScratch()
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        try expectStored(in: scratch, equalTo: "modern-sqlite-head.sql")
    }

    @Test func expandMigrateContractStoresGlancesStatements() throws {
        let scratch = try TestBackend.sqlite.makeScratch()
        for action in ["expand", "migrate", "contract"] {
            let r = try GlanceManageBinary.run(["db", action, "--connection", scratch.url])
            #expect(r.status == 0, "\(action): \(r)")
        }
        try expectStored(in: scratch, equalTo: "modern-sqlite-emc-head.sql")
    }

    /// Legacy 44 to head by the bridge against both of Glance's routes (stamp then 33.0.0, and Wallaby's
    /// sync then 33.0.0): the same statements, except that Glance leaves `migrate_version` behind and the
    /// bridge drops it in the stamping transaction (README, "Legacy databases").
    @Test(arguments: ["legacy44-sqlite-after-stamp-then-modern.sql", "legacy44-sqlite-after-wallaby-then-modern.sql"])
    func aLegacy44SyncStoresGlancesStatementsButMigrateVersion(_ reference: String) throws {
        let scratch = try Fixtures.legacyDatabase(44, .sqlite)
        let r = try GlanceManageBinary.run(["db", "sync", "--connection", scratch.url])
        #expect(r.status == 0, "\(r)")
        let glance = try Self.referenceRows(reference)
        let legacyTable = glance.filter { $0.tableName == "migrate_version" }
        #expect(legacyTable.map(\.type).sorted() == ["index", "table"], "\(legacyTable)")
        try expectStored(in: scratch, equalTo: glance.subtracting(legacyTable), reference)
    }

    private func expectStored(in scratch: ScratchDatabase, equalTo reference: String) throws {
        try expectStored(in: scratch, equalTo: Self.referenceRows(reference), reference)
    }

    private func expectStored(in scratch: ScratchDatabase, equalTo expected: Set<StoredRow>, _ name: String) throws {
        let stored = try Self.rows(in: scratch.connect())
        let missing = expected.subtracting(stored).sorted(), extra = stored.subtracting(expected).sorted()
        let report = "vs \(name)\n--- missing\n\(missing.map(\.description).joined(separator: "\n"))"
            + "\n--- not in the reference\n\(extra.map(\.description).joined(separator: "\n"))"
        #expect(missing.isEmpty && extra.isEmpty, "\(report)")
        #expect(stored.count == expected.count)
    }

    static func referenceRows(_ dump: String) throws -> Set<StoredRow> {
        let scratch = try TestBackend.sqlite.makeScratch()
        let database = try scratch.connect()
        try Fixtures.load(dump, into: database)
        return try rows(in: database)
    }

    static func rows(in database: any Database) throws -> Set<StoredRow> {
        let rows = try database.query("SELECT type, name, tbl_name, sql FROM sqlite_master")
        return Set(rows.map {
            StoredRow(type: $0["type"].stringValue ?? "", name: $0["name"].stringValue ?? "",
                      tableName: $0["tbl_name"].stringValue ?? "", sql: $0["sql"].stringValue)
        })
    }
}

/// One row of `sqlite_master`, without `rootpage` (a page number says nothing about the schema).
struct StoredRow: Hashable, Comparable, CustomStringConvertible {
    let type: String
    let name: String
    let tableName: String
    let sql: String?

    static func < (a: StoredRow, b: StoredRow) -> Bool { (a.type, a.name, a.sql ?? "") < (b.type, b.name, b.sql ?? "") }

    var description: String { "\(type) \(name) on \(tableName): \(sql ?? "NULL")" }
}
