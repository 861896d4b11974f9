import DatabaseCore
import GlanceRevisions
import MigrationEngine
import Testing

/// Where DDL commits statement by statement, resuming a half-applied revision relies on every crash point
/// lying between two operations, where the schema is a state the simulator computes (Migrator+Resume.swift).
/// So no operation of the chain may render to more than one statement there.
@Suite struct OneStatementPerOperationTests {
    @Test(arguments: Dialect.allCases.filter { !$0.hasTransactionalDDL })
    func everyOperationOfTheChainIsOneStatement(_ dialect: Dialect) throws {
        let renderer = MigrationEngine.renderer(for: dialect)
        let simulator = SchemaSimulator(dialect: dialect)
        var schema = Schema()
        var offenders: [String] = []
        for revision in GlanceRevisions.map.upgradePlan(from: [], to: GlanceRevisions.map.heads) {
            for operation in revision.operations(for: dialect, options: .online) {
                let statements = try renderer.statements(for: operation) { schema.table($0) }
                if statements.count > 1 { offenders.append("\(revision.id): \(statements)") }
                simulator.apply(operation, to: &schema)
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
