import DatabaseCore

/// Applies revisions from a `RevisionMap` to a database and keeps `alembic_version` in step.
///
/// Transaction policy: one write transaction per revision (revisions with nothing to do join the one
/// before them). Inside it the runner re-reads the version rows (so a concurrent run that already applied
/// the revision is noticed and skipped), runs any pending data migrations the revision requires, executes
/// the revision's statements and applies the version-row changes. A failure rolls back that revision only:
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
    /// - Parameter options: `.online` also runs each revision's `onlineUpgrade` operations.
    /// - Returns: the revisions this call applied (a concurrent run may have applied others).
    @discardableResult
    public func upgrade(_ database: any Database, to target: String, options: UpgradeOptions = [],
                        observer: MigrationObserver = MigrationObserver()) throws -> [Revision] {
        let targets = try map.resolve(target)
        let renderer = renderer(for: database.dialect)
        var applied: [Revision] = []
        // The heads this call wrote itself, whose schema it therefore knows: only other heads (the start,
        // or what a concurrent run left) can come with a partly applied revision.
        var written: [String]?
        let plan = map.upgradePlan(from: try currentHeads(in: database), to: targets)
        for group in transactionGroups(plan, options: options, dialect: database.dialect) {
            let ran = try WriteTransaction.run(on: database) { transaction -> [Revision] in
                var heads = try currentHeads(in: database)
                let partial = heads == written ? nil : try partialRevision(in: database, heads: heads, options: options)
                var ran: [Revision] = []
                for revision in group where !map.ancestorsOrSelf(ofAny: heads).contains(revision.id) {
                    let done = partial?.revision == revision.id ? partial?.operationsApplied ?? 0 : 0
                    try apply(revision, skipping: done, heads: heads, transaction, renderer, options, observer)
                    heads = heads.applying(map.headChanges(applying: revision.id, to: heads))
                    ran.append(revision)
                }
                written = heads
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
        var groups: [[Revision]] = []
        for revision in plan {
            if revision.isEmpty(for: dialect, options: options), !groups.isEmpty {
                groups[groups.count - 1].append(revision)
            } else {
                groups.append([revision])
            }
        }
        return groups
    }

    /// One revision in `transaction`: data prerequisites, statements, version rows.
    /// - Parameter done: operations a killed run already applied (only where DDL is not transactional).
    private func apply(_ revision: Revision, skipping done: Int, heads: [String], _ transaction: WriteTransaction,
                       _ renderer: any SQLRenderer, _ options: UpgradeOptions, _ observer: MigrationObserver) throws {
        let database = transaction.database
        observer.revisionStarted(revision)
        let operations = revision.operations(for: database.dialect, options: options)
        if done > 0 { observer.revisionResumed(revision, done, operations.count) }
        if !(try database.tableExists(versionTable.name)) {
            try run(versionTable.createStatement(database.dialect), in: database, observer)
        }
        for migration in revision.requiresData where try migration.isPending(in: database) {
            for statement in migration.statements { observer.statementExecuted(statement) }
            observer.dataMigrated(migration, try migration.run(in: transaction))
        }
        do {
            try OperationRunner(renderer: renderer, observer: observer)
                .run(Array(operations.dropFirst(done)), in: transaction)
        } catch let error as DatabaseError {
            throw MigrationError.revisionFailed(revision: revision.id, underlying: error)
        }
        let changes = map.headChanges(applying: revision.id, to: heads)
        try transaction.reopenIfCommitted()
        for change in changes { observer.statementExecuted(versionTable.literalStatement(for: change, database.dialect)) }
        try versionTable.apply(changes, in: database)
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
    public func offlineSQL(from heads: [String], to target: String, dialect: Dialect,
                           options: UpgradeOptions = []) throws -> [String] {
        try validate(heads)
        let renderer = renderer(for: dialect)
        var current = heads
        var statements: [String] = []
        if heads.isEmpty { statements.append(versionTable.createStatement(dialect)) }
        for revision in map.upgradePlan(from: heads, to: try map.resolve(target)) {
            statements.append("-- " + MigrationObserver.runningLine(revision))
            for migration in revision.requiresData { statements += migration.statements }
            for operation in revision.operations(for: dialect, options: options) {
                statements += try renderer.statements(for: operation) { _ in
                    throw MigrationError.offlineNeedsDatabase(revision.id)
                }
            }
            let changes = map.headChanges(applying: revision.id, to: current)
            statements += changes.map { versionTable.literalStatement(for: $0, dialect) }
            current = current.applying(changes)
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
