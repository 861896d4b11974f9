import DatabaseCore
import Testing
import TestSupport

/// `Dialect.hasTransactionalDDL` is a fact about the real servers, proven here rather than assumed: the
/// migrator trusts it to decide whether a revision can be left half-way.
@Suite struct DDLTransactionTests {
    @Test(arguments: TestBackend.all)
    func ddlRollsBackExactlyWhereTheDialectSaysSo(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let db = try scratch.connect()
        struct Abandon: Error {}
        #expect(throws: Abandon.self) {
            try db.inTransaction {
                try db.executeScript("CREATE TABLE probe (id INTEGER PRIMARY KEY)")
                throw Abandon()
            }
        }
        #expect(try db.tableExists("probe") == !backend.dialect.hasTransactionalDDL)
    }
}
