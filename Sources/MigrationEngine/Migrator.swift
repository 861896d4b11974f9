import DatabaseCore

/// Applies revisions from a `RevisionMap` to a database and keeps `alembic_version` in step.
///
/// Transaction policy: one write transaction per step, a step being one revision or two fused into one
/// (Migrator+Fusion.swift: a later revision that erases an alteration of the first whose cost is a copy of
/// the table's rows); revisions with nothing to do join the step before them. Inside it the runner re-reads
/// the version rows (so a concurrent run that already applied the revision is noticed and skipped), runs
/// any pending data migrations the revision requires, executes the revision's statements and applies the
/// version-row changes. A failure rolls back that revision only:
/// the database stays at the revision before it, where DDL is transactional (`Dialect.hasTransactionalDDL`).
/// Where it is not (MySQL), the statements before the failure stay, and the next run recognises how far the
/// revision got and resumes it (`partialRevision(in:heads:options:)`, Migrator+Resume.swift).
/// (Glance's env.py wraps all pending revisions in one transaction instead.)
public struct Migrator: Sendable {
    public let map: RevisionMap
    public let versionTable = VersionTable()
    /// Schemas a database at the given heads may have besides the chain's own (a legacy database stamped
    /// onto the chain keeps its residues), for recognising a partly applied revision. Default: none.
    public let otherSchemas: @Sendable (_ heads: [String], _ dialect: Dialect) -> [Schema]

    public init(map: RevisionMap,
                otherSchemas: @escaping @Sendable ([String], Dialect) -> [Schema] = { _, _ in [] }) {
        self.map = map
        self.otherSchemas = otherSchemas
    }

    /// The current heads, validated against the map. Never writes.
    /// - Throws: `MigrationError.unknownRevisionInDatabase` or `.corruptVersionTable`.
    public func currentHeads(in database: any Database) throws -> [String] {
        let rows = try versionTable.rows(in: database)
        try validate(rows)
        return rows
    }

    /// Runs at every `db version`: the rows are few, so plain scans (no `Set`, no ancestor sets) answer.
    public func validate(_ rows: [String]) throws {
        if rows.indices.contains(where: { rows[..<$0].contains(rows[$0]) }) {
            throw MigrationError.corruptVersionTable("it holds the same revision twice")
        }
        for row in rows where map.revision(row) == nil {
            if row.trimmedOfWhitespace.isEmpty { throw MigrationError.corruptVersionTable("it holds an empty revision id") }
            throw MigrationError.unknownRevisionInDatabase(row)
        }
        // Two rows on the same line of history cannot both be heads.
        for row in rows {
            if let inner = rows.first(where: { map.isAncestor($0, of: row) }) {
                throw MigrationError.corruptVersionTable("rows '\(inner)' and '\(row)' are on the same line of history")
            }
        }
    }

    /// Upgrades to `target` (an id, a branch label, `label@head`, `heads`).
    /// - Parameters:
    ///   - later: where the caller's run goes next (`db sync`: expand, then migrate, then contract up to
    ///     `heads`), so that a revision of that later part may be fused into this one
    ///     (Migrator+Fusion.swift); this call then applies it too. Nil: the run ends at `target`.
    ///   - options: `.online` also runs each revision's `onlineUpgrade` operations (and never fuses).
    /// - Returns: the revisions this call applied (a concurrent run may have applied others).
    /// - Throws: `MigrationError`, among them `.partialStepOutsideRun` before writing anything.
    @discardableResult
    public func upgrade(_ database: any Database, to target: String, continuingTo later: String? = nil,
                        options: UpgradeOptions = [],
                        observer: MigrationObserver = MigrationObserver()) throws -> [Revision] {
        let targets = try map.resolve(target)
        let dialect = database.dialect
        let renderer = renderer(for: dialect)
        let start = try currentHeads(in: database)
        let plan = map.upgradePlan(from: start, to: targets)
        guard !plan.isEmpty else { return [] }
        let startPartial = try partialRevision(in: database, heads: start, options: options)
        let rest = try later.map { later in
            map.upgradePlan(from: start, to: targets + (try map.resolve(later))).filter { !plan.contains($0) }
        } ?? []
        let steps = try upgradeSteps(plan, later: rest, heads: start, dialect: dialect, options: options,
                                     partial: startPartial, tableHasRows: { try Self.hasRows($0, in: database) })
        var applied: [Revision] = []
        // The heads last seen and the partial step they come with: only other heads (what a concurrent run
        // left) need the live schema read again; heads this call wrote come with none.
        var known = (heads: start, partial: startPartial)
        for group in transactionGroups(steps, options: options, dialect: dialect) {
            let ran = try WriteTransaction.run(on: database) { transaction -> [Revision] in
                var heads = try currentHeads(in: database)
                let partial = heads == known.heads ? known.partial
                    : try partialRevision(in: database, heads: heads, options: options)
                var ran: [Revision] = []
                for planned in group {
                    guard let step = planned.remaining(after: map.ancestorsOrSelf(ofAny: heads)) else { continue }
                    let done = try operationsDone(by: partial, in: step, options: options, dialect: dialect)
                    try apply(step, skipping: done, heads: heads, transaction, renderer, observer)
                    for revision in step.revisions {
                        heads = heads.applying(map.headChanges(applying: revision.id, to: heads))
                    }
                    ran += step.revisions
                }
                known = (heads, nil)
                return ran
            }
            applied += ran
        }
        return applied
    }

    /// The plan cut into transactions: one per revision, except that revisions with nothing to do (no
    /// operation, no data prerequisite) share the transaction of the revision before them. They cannot fail
    /// half-way, and a crash still leaves the database at a recorded revision; each commit costs fsyncs
    /// (a fresh sync: 10 commits instead of 29).
    public func transactionGroups(_ plan: [Revision], options: UpgradeOptions, dialect: Dialect) -> [[Revision]] {
        transactionGroups(plan.map { UpgradeStep($0, dialect: dialect, options: options) }, options: options,
                          dialect: dialect).map { $0.flatMap(\.revisions) }
    }

    /// The same for steps; a fused step is never empty.
    func transactionGroups(_ steps: [UpgradeStep], options: UpgradeOptions, dialect: Dialect) -> [[UpgradeStep]] {
        var groups: [[UpgradeStep]] = []
        for step in steps {
            if step.revisions.count == 1, step.first.isEmpty(for: dialect, options: options), !groups.isEmpty {
                groups[groups.count - 1].append(step)
            } else {
                groups.append([step])
            }
        }
        return groups
    }

    /// How many of `step`'s operations a killed run already applied, from the partial step the live schema
    /// shows (0 when it shows none for this step). A plain partial revision counts inside a fused step as
    /// far as the two share operations (`upgradeSteps` plans it plainly beyond that).
    /// - Throws: `MigrationError.unrecognisedPartialRevision` when the two disagree, which only a concurrent
    ///   run changing the schema between the plan and this transaction can cause.
    private func operationsDone(by partial: PartialRevision?, in step: UpgradeStep, options: UpgradeOptions,
                                dialect: Dialect) throws -> Int {
        guard let partial, partial.revision == step.first.id else { return 0 }
        if partial.fusedWith == step.fusedWith { return partial.operationsApplied }
        let plain = UpgradeStep(step.first, dialect: dialect, options: options)
        if partial.fusedWith.isEmpty, partial.operationsApplied <= plain.sharedPrefix(with: step) {
            return partial.operationsApplied
        }
        throw MigrationError.unrecognisedPartialRevision(partial.revision)
    }

    /// One step in `transaction`: for each of its revisions, data prerequisites then statements; the version
    /// rows of all of them last.
    /// - Parameter done: operations a killed run already applied (only where DDL is not transactional).
    private func apply(_ step: UpgradeStep, skipping done: Int, heads: [String], _ transaction: WriteTransaction,
                       _ renderer: any SQLRenderer, _ observer: MigrationObserver) throws {
        let database = transaction.database
        var skip = done
        for (index, segment) in step.segments.enumerated() {
            observer.revisionStarted(segment.revision)
            if index == 0 {
                if done > 0 { observer.revisionResumed(step, done, step.operations.count) }
                if !(try database.tableExists(versionTable.name)) {
                    try run(versionTable.createStatement(database.dialect), in: database, observer)
                }
            }
            for migration in segment.revision.requiresData where try migration.isPending(in: database) {
                for statement in migration.statements { observer.statementExecuted(statement) }
                observer.dataMigrated(migration, try migration.run(in: transaction))
            }
            let skipped = min(skip, segment.operations.count)
            skip -= skipped
            do {
                try OperationRunner(renderer: renderer, observer: observer)
                    .run(Array(segment.operations.dropFirst(skipped)), in: transaction)
            } catch let error as DatabaseError {
                throw MigrationError.revisionFailed(revision: segment.revision.id, underlying: error)
            }
        }
        var changes: [HeadChange] = []
        var current = heads
        for revision in step.revisions {
            let change = map.headChanges(applying: revision.id, to: current)
            changes += change
            current = current.applying(change)
        }
        try transaction.reopenIfCommitted()
        for change in changes {
            observer.statementExecuted(versionTable.literalStatement(for: change, database.dialect))
        }
        try versionTable.apply(changes, in: database)
    }

    /// Whether `table` holds a row (false when it does not exist).
    public static func hasRows(_ table: String, in database: any Database) throws -> Bool {
        guard try database.tableExists(table) else { return false }
        return try !database.query("SELECT 1 FROM \(database.dialect.quote(table)) LIMIT 1").isEmpty
    }

    /// Writes version rows for `target` without running any DDL (Alembic's `stamp`), in a transaction of
    /// its own.
    public func stamp(_ database: any Database, to target: String,
                      observer: MigrationObserver = MigrationObserver()) throws {
        let targets = try map.resolve(target)
        try WriteTransaction.run(on: database) { try stamp($0, to: targets, observer: observer) }
    }

    /// Writes version rows for each of `targets` in `transaction`, so that the stamp commits together with
    /// the transaction's other changes (the legacy bridge's carry and its drop of `migrate_version`).
    public func stamp(_ transaction: WriteTransaction, to targets: [String],
                      observer: MigrationObserver = MigrationObserver()) throws {
        let database = transaction.database
        var heads = try currentHeads(in: database)
        if !(try database.tableExists(versionTable.name)) {
            try run(versionTable.createStatement(database.dialect), in: database, observer)
        }
        // Everything the transaction ran before (a legacy carry's DDL) may have committed on MySQL.
        try transaction.reopenIfCommitted()
        for target in targets {
            for id in try map.resolve(target) {
                let changes = map.headChanges(stamping: id, over: heads)
                for change in changes {
                    observer.statementExecuted(versionTable.literalStatement(for: change, database.dialect))
                }
                try versionTable.apply(changes, in: database)
                heads = heads.applying(changes)
            }
        }
    }

    /// Rewrites version rows in place (`old` → `new`) in `transaction`, each change checked to touch exactly
    /// one row.
    public func rewriteVersionRows(_ transaction: WriteTransaction, _ rewrites: [(old: String, new: String)]) throws {
        try versionTable.apply(rewrites.map { .update(from: $0.old, to: $0.new) }, in: transaction.database)
    }

    /// The SQL an upgrade would run, rendered without a database (Alembic's offline mode). Table rebuilds
    /// need the live schema and throw `MigrationError.offlineNeedsDatabase`; the CLI runs SQLite's offline
    /// mode against an in-memory copy instead.
    /// - Parameter tableHasRows: whether a table of the database holds rows, so that revisions are fused as
    ///   the upgrade would fuse them (Migrator+Fusion.swift); nil renders every revision on its own.
    public func offlineSQL(from heads: [String], to target: String, dialect: Dialect, options: UpgradeOptions = [],
                           tableHasRows: ((String) throws -> Bool)? = nil) throws -> [String] {
        try validate(heads)
        let renderer = renderer(for: dialect)
        var current = heads
        var statements: [String] = []
        if heads.isEmpty { statements.append(versionTable.createStatement(dialect)) }
        let plan = map.upgradePlan(from: heads, to: try map.resolve(target))
        for step in try upgradeSteps(plan, later: [], heads: heads, dialect: dialect, options: options,
                                     partial: nil, tableHasRows: tableHasRows) {
            for segment in step.segments {
                let revision = segment.revision
                statements.append("-- " + MigrationObserver.runningLine(revision))
                for migration in revision.requiresData { statements += migration.statements }
                for operation in segment.operations {
                    statements += try renderer.statements(for: operation) { _ in
                        throw MigrationError.offlineNeedsDatabase(revision.id)
                    }
                }
            }
            for revision in step.revisions {
                let changes = map.headChanges(applying: revision.id, to: current)
                statements += changes.map { versionTable.literalStatement(for: $0, dialect) }
                current = current.applying(changes)
            }
        }
        return statements
    }

    private func run(_ statement: String, in database: any Database, _ observer: MigrationObserver) throws {
        observer.statementExecuted(statement)
        try database.executeScript(statement)
    }
}

extension RevisionMap {
    /// Everything already applied when the version table holds `heads`.
    public func ancestorsOrSelf(ofAny heads: [String]) -> Set<String> {
        heads.reduce(into: Set<String>()) { $0.formUnion(ancestorsOrSelf(of: $1)) }
    }
}
