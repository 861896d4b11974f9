import MigrationEngine
import Testing

/// A small two-branch graph shaped like Glance's: a trunk, then expand and contract branches where each
/// contract step depends on its expand twin.
let sampleRevisions: [Revision] = [
    Revision(id: "base1"),
    Revision(id: "trunk2", downRevisions: ["base1"]),
    Revision(id: "e1", downRevisions: ["trunk2"], branchLabels: ["expand"]),
    Revision(id: "e2", downRevisions: ["e1"]),
    Revision(id: "c1", downRevisions: ["trunk2"], branchLabels: ["old01", "contract"], dependsOn: ["e1"]),
    Revision(id: "c2", downRevisions: ["c1"], dependsOn: ["e2"]),
]

@Suite struct RevisionMapTests {
    @Test func headsAreRevisionsNobodyRevises() throws {
        let map = try RevisionMap(sampleRevisions)
        #expect(map.heads == ["e2", "c2"])
        #expect(try map.head(ofBranch: "expand") == "e2")
        #expect(try map.head(ofBranch: "contract") == "c2")
    }

    @Test func resolvesIdsLabelsAndBranchHeads() throws {
        let map = try RevisionMap(sampleRevisions)
        #expect(try map.resolve("old01") == ["c1"])
        #expect(try map.resolve("expand@head") == ["e2"])
        #expect(try map.resolve("heads") == ["e2", "c2"])
        #expect(throws: RevisionError.multipleHeads(["e2", "c2"], argument: "head")) { try map.resolve("head") }
        #expect(throws: RevisionError.unknownRevision("nope")) { try map.resolve("nope") }
    }

    @Test func rejectsBrokenGraphs() {
        #expect(throws: RevisionError.duplicateRevision("a")) { try RevisionMap([Revision(id: "a"), Revision(id: "a")]) }
        #expect(throws: RevisionError.unknownDownRevision("x", revision: "a")) { try RevisionMap([Revision(id: "a", downRevisions: ["x"])]) }
        #expect(throws: RevisionError.unknownDependency("x", revision: "a")) { try RevisionMap([Revision(id: "a", dependsOn: ["x"])]) }
        #expect(throws: RevisionError.selfReference("a")) { try RevisionMap([Revision(id: "a", downRevisions: ["a"])]) }
        #expect(throws: RevisionError.duplicateBranchLabel("l", revisions: ["a", "b"])) {
            try RevisionMap([Revision(id: "a", branchLabels: ["l"]), Revision(id: "b", branchLabels: ["l"])])
        }
        #expect(throws: RevisionError.self) {
            try RevisionMap([Revision(id: "a", dependsOn: ["b"]), Revision(id: "b", downRevisions: ["a"])])
        }
    }

    @Test func aLabelTwiceInOneRevisionIsADuplicate() {
        #expect(throws: RevisionError.duplicateBranchLabel("l", revisions: ["a", "a"])) {
            try RevisionMap([Revision(id: "a", branchLabels: ["l", "l"])])
        }
        // The first error in declaration order is the one reported.
        #expect(throws: RevisionError.unknownDownRevision("x", revision: "b")) {
            try RevisionMap([Revision(id: "a", branchLabels: ["l"]), Revision(id: "b", downRevisions: ["x"], branchLabels: ["l"])])
        }
    }

    @Test func aCycleThroughALabelDependencyIsRejectedWithItsPath() {
        #expect(throws: RevisionError.cycle(["a", "b", "a"])) {
            try RevisionMap([Revision(id: "a", dependsOn: ["lb"]), Revision(id: "b", downRevisions: ["a"], branchLabels: ["lb"])])
        }
    }

    @Test func ancestryFollowsDownRevisionsAndDependencies() throws {
        let map = try RevisionMap(sampleRevisions)
        #expect(map.parents(of: "c1") == ["trunk2", "e1"])
        #expect(map.ancestors(of: "c2") == ["base1", "trunk2", "e1", "e2", "c1"])
        #expect(map.isAncestor("e2", of: "c2"))
        #expect(!map.isAncestor("c2", of: "e2"))
        #expect(!map.isAncestor("c2", of: "c2"))
        #expect(!map.isAncestor("nope", of: "c2"))
    }

    @Test func upgradePlanPutsParentsAndDependenciesFirst() throws {
        let map = try RevisionMap(sampleRevisions)
        #expect(map.upgradePlan(from: [], to: map.heads).map(\.id) == ["base1", "trunk2", "e1", "e2", "c1", "c2"])
        #expect(map.upgradePlan(from: ["trunk2"], to: ["c1"]).map(\.id) == ["e1", "c1"])
        #expect(map.upgradePlan(from: ["c2"], to: map.heads).isEmpty)
    }

    @Test func contractMergesTheExpandRow() throws {
        let map = try RevisionMap(sampleRevisions)
        // Expand from trunk: update in place.
        #expect(map.headChanges(applying: "e1", to: ["trunk2"]) == [.update(from: "trunk2", to: "e1")])
        // First contract step beside the expand head: a second row.
        #expect(map.headChanges(applying: "c1", to: ["e2"]) == [.insert("c1")])
        // Last contract step depends on the expand head: the two rows merge into one.
        #expect(map.headChanges(applying: "c2", to: ["e2", "c1"]) == [.delete("c1"), .update(from: "e2", to: "c2")])
        #expect(["e2", "c1"].applying([.delete("c1"), .update(from: "e2", to: "c2")]) == ["c2"])
    }

    @Test func dependencyAlreadyBehindTheDownRevisionIsNotADownRevision() throws {
        let map = try RevisionMap(sampleRevisions + [Revision(id: "c3", downRevisions: ["c2"], dependsOn: ["e1"])])
        #expect(map.normalizedDownRevisions(of: "c3") == ["c2"])
    }

    @Test func stampReplacesHeadsOnTheSameLine() throws {
        let map = try RevisionMap(sampleRevisions)
        #expect(map.headChanges(stamping: "base1", over: []) == [.insert("base1")])
        #expect(map.headChanges(stamping: "trunk2", over: ["base1"]) == [.update(from: "base1", to: "trunk2")])
        #expect(map.headChanges(stamping: "c1", over: ["c1"]) == [])
        #expect(map.headChanges(stamping: "e1", over: ["c1"]) == [.update(from: "c1", to: "e1")])
    }
}
