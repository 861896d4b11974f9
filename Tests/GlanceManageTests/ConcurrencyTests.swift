import DatabaseCore
import Foundation
import Testing
import TestSupport

/// Two `db sync` runs started together: the migration lock makes one wait, the database ends at head with
/// every revision applied once.
@Suite struct ConcurrencyTests {
    @Test(arguments: TestBackend.all)
    func twoSyncsStartedTogetherApplyEachRevisionOnce(_ backend: TestBackend) throws {
        let scratch = try backend.makeScratch()
        let arguments = ["db", "sync", "--connection", scratch.url]
        let results = ResultBox()
        let group = DispatchGroup()
        for _ in 0..<2 {
            group.enter()
            Thread {
                let result = Result { try GlanceManageBinary.run(arguments) }
                results.append(result)
                group.leave()
            }.start()
        }
        group.wait()
        let runs = try results.values.map { try $0.get() }
        #expect(runs.count == 2)
        for run in runs { #expect(run.status == 0, "\(run)") }
        let upgrades = runs.flatMap { $0.stderr.split(separator: "\n").filter { $0.contains("Running upgrade") } }
        #expect(upgrades.count == 29, "each of the 29 revisions applied exactly once")
        #expect(Set(upgrades.map { $0.split(separator: "[-] ").last! }).count == 29)
        // The one that did not migrate says it waited or that there was nothing to do.
        let idle = runs.filter { !$0.stderr.contains("Running upgrade") }
        #expect(idle.count == 1)
        #expect(idle.allSatisfy { $0.stderr.contains("waiting") || $0.stdout.contains("Database is up to date. No migrations needed.") })
        let diff = SchemaDiff(try Fixtures.referenceHeadSchema(backend), try scratch.connect().introspect())
        #expect(diff.isEmpty, "\(diff)")
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<CommandResult, Error>] = []
    func append(_ result: Result<CommandResult, Error>) { lock.lock(); stored.append(result); lock.unlock() }
    var values: [Result<CommandResult, Error>] { lock.lock(); defer { lock.unlock() }; return stored }
}
