import DatabaseCore

/// Fusing a revision with a later revision of the same run that erases one of its alterations.
///
/// A revision that alters a column (Glance's `ocata_expand01` makes `images.is_public` nullable so that
/// new-release writers may leave it out) can be followed, in the same run, by one that drops the column
/// (`ocata_contract01`). The alteration then changes nothing the run leaves behind, yet where the database
/// copies every row to make it (`SQLRenderer.alterationCopiesRows`: InnoDB for a nullability change) it
/// can cost as much as the rest of the upgrade. Such a pair is applied as one step: the first revision's
/// operations without the dead alteration, then the later revision's data prerequisites and operations,
/// and the version rows of both at the end, so that no recorded version ever stands for a schema without
/// the alteration. Only a run whose plan holds the later revision does this (`db expand` alone, an upgrade
/// to the first revision, or any online upgrade keeps the alteration for the writers it serves).
extension Migrator {
    /// A fused step and the tables whose row copy it saves.
    struct Fusion {
        let step: UpgradeStep
        let savedCopies: [String]
    }

    /// The step applying `revision` fused with the first later revision of `run` that can go right after it
    /// (its only unapplied ancestor is `revision`) and erases an alteration of it that copies rows, or nil.
    ///
    /// The erasure is checked, not assumed: the simulated schema after both must be the same with and
    /// without the alteration, and moving the later revision ahead of the ones between must leave every
    /// state the run records as the simulator computes it (the runner records versions, never orders).
    /// - Parameters:
    ///   - run: every revision the run applies, in order, `revision` among them; offline operations only.
    ///   - heads: the version rows before the run.
    ///   - worth: whether saving the copies of these tables is worth a step (asked before the simulation).
    func fusion(for revision: Revision, in run: [Revision], heads: [String], dialect: Dialect,
                worth: ([String]) throws -> Bool = { _ in true }) rethrows -> Fusion? {
        guard let first = run.firstIndex(of: revision) else { return nil }
        let renderer = renderer(for: dialect)
        let before = map.ancestorsOrSelf(ofAny: heads).union(run[..<first].map(\.id))
        let operations = revision.operations(for: dialect)
        for index in run.indices where index > first {
            let later = run[index]
            guard map.ancestors(of: later.id).subtracting(before) == [revision.id] else { continue }
            let laterOperations = later.operations(for: dialect)
            let erased = laterOperations.reduce(into: Set<ColumnRef>()) { $0.formUnion($1.erasedColumns) }
            var saved: [String] = []
            let trimmed = operations.compactMap { operation -> Operation? in
                guard case .alterTable(let table, let alterations) = operation else { return operation }
                let live = alterations.filter { alteration in
                    guard let column = alteration.alteredColumn, renderer.alterationCopiesRows(alteration),
                          erased.contains(ColumnRef(table: table, column: column))
                            || erased.contains(ColumnRef(table: table, column: nil)) else { return true }
                    saved.append(table)
                    return false
                }
                return live.isEmpty ? nil : .alterTable(table, live)
            }
            guard !saved.isEmpty else { continue }
            guard try worth(saved) else { return nil }
            let segments = Self.foldingIndexes([trimmed, laterOperations], renderer)
            let between = Array(run[(first + 1)..<index])
            guard erasureHolds(plain: operations, fused: segments.flatMap { $0 }, then: laterOperations,
                               between: between, from: Array(run[..<first]), heads: heads, dialect: dialect)
            else { continue }
            let step = UpgradeStep(segments: [.init(revision: revision, operations: segments[0]),
                                              .init(revision: later, operations: segments[1])])
            return Fusion(step: step, savedCopies: saved)
        }
        return nil
    }

    /// The operations of a step's segments with each `createIndex` moved into the step's next change of
    /// the same table that copies its rows anyway (`.addIndex`): InnoDB then builds the index during that
    /// copy instead of scanning the table for it, and the rows the step's data migrations write in between
    /// have no index to maintain. Still one statement per operation. Not past an operation that names the
    /// index, nor into a change that drops one of its columns.
    static func foldingIndexes(_ segments: [[Operation]], _ renderer: any SQLRenderer) -> [[Operation]] {
        var segments = segments
        let positions = segments.indices.flatMap { s in segments[s].indices.map { (s, $0) } }
        var folded: Set<Int> = []
        for (p, (s, i)) in positions.enumerated() {
            guard case .createIndex(let index) = segments[s][i] else { continue }
            for (s2, i2) in positions[(p + 1)...] {
                let operation = segments[s2][i2]
                if case .alterTable(index.table, let alterations) = operation,
                   alterations.contains(where: renderer.alterationCopiesRows) {
                    let dropsPart = alterations.contains {
                        if case .dropColumn(let column) = $0 { return index.columns.contains(column) }
                        if case .dropIndex(let name) = $0 { return name == index.name }
                        return false
                    }
                    if !dropsPart {
                        segments[s2][i2] = .alterTable(index.table, alterations + [.addIndex(index)])
                        folded.insert(p)
                    }
                    break
                }
                if operation.namesIndex(index.name) || operation.alteredTable == index.table { break }
            }
        }
        for (p, (s, i)) in positions.enumerated().reversed() where folded.contains(p) { segments[s].remove(at: i) }
        return segments
    }

    /// Whether, from the chain's schema at `heads` after `from`, the fused step (then each of `between`)
    /// reaches the same schema at every point as the plain order.
    private func erasureHolds(plain: [Operation], fused: [Operation], then later: [Operation],
                              between: [Revision], from earlier: [Revision], heads: [String],
                              dialect: Dialect) -> Bool {
        let simulator = SchemaSimulator(dialect: dialect)
        let base = simulator.schema(applying: earlier, to: simulator.schema(at: heads, in: map))
        func schema(_ lists: [[Operation]]) -> Schema {
            var schema = base
            for operation in lists.joined() { simulator.apply(operation, to: &schema) }
            return schema
        }
        let betweenOperations = between.map { $0.operations(for: dialect) }
        guard schema([plain, later]) == schema([fused]) else { return false }
        // The plain run records the revisions between before the later one: each of those states must be
        // what the fused run leaves at the same version rows.
        return (0...between.count).allSatisfy { count in
            let done = Array(betweenOperations.prefix(count))
            return schema([plain] + done + [later]) == schema([fused] + done)
        }
    }

    /// The run cut into steps: one per revision of `plan`, except that a revision is fused with a later
    /// revision of `plan` + `later` (`fusion(for:in:heads:dialect:)`) where the saved copy is of a table
    /// holding rows (copying an empty table costs nothing, and a fresh database then runs Glance's own
    /// sequence). Online runs never fuse.
    ///
    /// A partly applied step decides for its revision: a fused one is finished as such (refused when the
    /// later revision is not part of this run), a plain one beyond what the fused step shares is finished
    /// plainly.
    /// - Parameter tableHasRows: whether a table holds rows; nil never fuses (offline SQL without a database).
    /// - Throws: `MigrationError.partialStepOutsideRun`.
    func upgradeSteps(_ plan: [Revision], later: [Revision], heads: [String], dialect: Dialect,
                      options: UpgradeOptions, partial: PartialRevision?,
                      tableHasRows: ((String) throws -> Bool)?) throws -> [UpgradeStep] {
        let run = plan + later
        var placed: [Revision] = []
        var steps: [UpgradeStep] = []
        for revision in plan where !placed.contains(revision) {
            let plain = UpgradeStep(revision, dialect: dialect, options: options)
            let order = placed + run.filter { !placed.contains($0) }
            let resumed = partial?.revision == revision.id ? partial : nil
            let finishing = resumed.map { !$0.fusedWith.isEmpty } ?? false
            let fusion = options.contains(.online) ? nil
                : try fusion(for: revision, in: order, heads: heads, dialect: dialect) { tables in
                    guard !finishing else { return true }
                    guard let tableHasRows else { return false }
                    return try tables.contains(where: tableHasRows)
                }
            var step = plain
            if let resumed, finishing {
                guard let fusion, fusion.step.fusedWith == resumed.fusedWith else {
                    throw MigrationError.partialStepOutsideRun(revision: revision.id, fusedWith: resumed.fusedWith)
                }
                step = fusion.step
            } else if let fusion, (resumed?.operationsApplied ?? 0) <= plain.sharedPrefix(with: fusion.step) {
                step = fusion.step
            }
            steps.append(step)
            placed += step.revisions
        }
        return steps
    }
}

extension UpgradeStep {
    /// How many operations, from the first, this step and `other` have in common.
    func sharedPrefix(with other: UpgradeStep) -> Int {
        zip(operations, other.operations).prefix { $0 == $1 }.count
    }
}

/// A column of a table, or (column nil) every column of it.
struct ColumnRef: Hashable {
    let table: String
    let column: String?
}

extension Operation {
    /// The columns whose every fact this operation removes: dropped columns, or all of a dropped table's.
    var erasedColumns: Set<ColumnRef> {
        switch self {
        case .dropTable(let table):
            return [ColumnRef(table: table, column: nil)]
        case .alterTable(let table, let alterations), .recreateTable(let table, let alterations):
            return Set(alterations.compactMap {
                if case .dropColumn(let column) = $0 { return ColumnRef(table: table, column: column) }
                return nil
            })
        default:
            return []
        }
    }
}

extension Operation {
    /// Whether the operation creates, drops or renames the index `name`.
    func namesIndex(_ name: String) -> Bool {
        switch self {
        case .createIndex(let index): return index.name == name
        case .dropIndex(let dropped, _): return dropped == name
        case .renameIndex(_, let from, let to): return from == name || to == name
        default: return false
        }
    }
}

extension TableAlteration {
    /// The column an alteration restates (nullability, default, type); nil for the others.
    var alteredColumn: String? {
        switch self {
        case .alterColumn(let column, _, _, _), .changeType(let column, _): return column
        default: return nil
        }
    }
}
