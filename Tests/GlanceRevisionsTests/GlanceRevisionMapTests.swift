import GlanceRevisions
import MigrationEngine
import Testing

@Suite struct GlanceRevisionMapTests {
    @Test func theRealGraphBuildsAndHasGlancesHeads() throws {
        let map = try RevisionMap(GlanceRevisions.all)
        #expect(map.heads == ["2024_1_expand01", "2024_1_contract01"])
        #expect(try map.head(ofBranch: "expand") == "2024_1_expand01")
        #expect(try map.head(ofBranch: "contract") == "2024_1_contract01")
        #expect(try map.resolve("ocata01") == ["ocata_contract01"])
        #expect(GlanceRevisions.all.count == 29)
    }

    /// Spec §2.5: the order of a fresh `db sync`.
    @Test func freshUpgradeOrderMatchesGlance() {
        let map = GlanceRevisions.map
        let expand = map.upgradePlan(from: [], to: ["2024_1_expand01"]).map(\.id)
        #expect(expand == ["liberty", "mitaka01", "mitaka02", "ocata_expand01", "pike_expand01", "queens_expand01",
                           "rocky_expand01", "rocky_expand02", "train_expand01", "ussuri_expand01", "wallaby_expand01",
                           "xena_expand01", "yoga_expand01", "zed_expand01", "2023_1_expand01", "2024_1_expand01"])
        let contract = map.upgradePlan(from: ["2024_1_expand01"], to: ["2024_1_contract01"]).map(\.id)
        #expect(contract == ["ocata_contract01", "pike_contract01", "queens_contract01", "rocky_contract01",
                             "rocky_contract02", "train_contract01", "ussuri_contract01", "wallaby_contract01",
                             "xena_contract01", "yoga_contract01", "zed_contract01", "2023_1_contract01", "2024_1_contract01"])
    }

    /// Spec §2.5 observed row sequences.
    @Test func versionRowsFollowAlembic() {
        let map = GlanceRevisions.map
        func rows(from start: [String], applying ids: [String]) -> [String] {
            ids.reduce(start) { $0.applying(map.headChanges(applying: $1, to: $0)) }
        }
        let expand = map.upgradePlan(from: [], to: ["2024_1_expand01"]).map(\.id)
        #expect(rows(from: [], applying: expand) == ["2024_1_expand01"])
        let contract = map.upgradePlan(from: ["2024_1_expand01"], to: ["2024_1_contract01"]).map(\.id)
        #expect(rows(from: ["2024_1_expand01"], applying: contract) == ["2024_1_contract01"])
        #expect(rows(from: ["mitaka02"], applying: ["ocata_expand01", "ocata_contract01"]) == ["ocata_contract01"])
        let expandFromOcata = map.upgradePlan(from: ["ocata_contract01"], to: ["2024_1_expand01"]).map(\.id)
        #expect(rows(from: ["ocata_contract01"], applying: expandFromOcata) == ["ocata_contract01", "2024_1_expand01"])
    }

    /// Glance's `test_phase_and_naming`: after Mitaka every release has expand and contract steps.
    @Test func everyReleaseHasExpandAndContract() {
        var phases: [String: Set<String>] = [:]
        for revision in GlanceRevisions.all where !["liberty", "mitaka01", "mitaka02"].contains(revision.id) {
            let parts = revision.id.split(separator: "_")
            let phase = parts.last!.hasPrefix("expand") ? "expand" : "contract"
            #expect(parts.last!.hasPrefix("expand") || parts.last!.hasPrefix("contract"), "\(revision.id)")
            phases[parts.dropLast().joined(separator: "_"), default: []].insert(phase)
        }
        for (release, seen) in phases { #expect(seen == ["expand", "contract"], "release \(release)") }
    }
}

@Suite struct TransactionGroupTests {
    /// Revisions with nothing to do share the previous revision's transaction: 10 commits for a fresh sync.
    @Test func emptyRevisionsJoinThePreviousTransaction() {
        let migrator = Migrator(map: GlanceRevisions.map)
        let plan = GlanceRevisions.map.upgradePlan(from: [], to: GlanceRevisions.map.heads)
        let groups = migrator.transactionGroups(plan, options: [], dialect: .sqlite).map { $0.map(\.id) }
        #expect(groups.count == 10)
        #expect(groups.flatMap { $0 } == plan.map(\.id))
        #expect(groups[3] == ["ocata_expand01", "pike_expand01", "queens_expand01"])
        #expect(groups.last?.first == "pike_contract01" && groups.last?.count == 12)
        // Every group starts with a revision that has work to do.
        #expect(groups.allSatisfy { !(GlanceRevisions.map.revision($0[0])!.upgrade.operations(for: .sqlite).isEmpty) })
    }
}
