import DatabaseCore
import DatabaseDrivers
import GlanceRevisions
import LegacyBridge
import MigrationEngine

/// A Glance database seen through the revision map: the questions `glance-manage db` asks (current heads,
/// branch heads, pending data migrations) and the expand / migrate / contract steps.
struct GlanceDatabase {
    /// Nil when the database does not exist yet (a SQLite file opened read-only that is not there).
    let connection: (any Database)?
    /// A partly applied revision of a legacy database stamped onto the chain is recognised too.
    let migrator = Migrator(map: GlanceRevisions.map) { KnownSchemas(dialect: $1).carriedLegacySchemas(at: $0) }

    init(connection: (any Database)?) {
        self.connection = connection
    }

    /// Opens for reading only: no lock, no file creation, no writes.
    static func openForReading(_ url: ConnectionURL) throws -> GlanceDatabase {
        GlanceDatabase(connection: try url.open(.readOnly))
    }

    /// Opens for writing and takes the migration lock on that connection (it is held until the connection
    /// closes). Version rows are read only after the lock is held, so a command that waited sees what the
    /// other run did.
    /// - Parameter backup: a path that must not exist yet: the database is copied there (under the lock)
    ///   before anything changes; refused where the driver cannot back up.
    static func openForWriting(_ url: ConnectionURL, backup: String? = nil) throws -> GlanceDatabase {
        if let backup { try Backup.validate(backup) }
        try url.validateLocation()
        guard let connection = try url.open(.readWrite) else { throw CLIFailure("ERROR: cannot open \(url.redacted)") }
        // A cluster node that is not fit for writes (a joiner, a donor, outside the Primary component) is
        // refused before the lock: nothing is written through it, not even the lock's row.
        if let refusal = try connection.clusterStatus()?.writeRefusal { throw CLIFailure("ERROR: " + refusal) }
        try MigrationLock.acquire(on: connection, url: url)
        if let backup { try Backup.copy(connection, to: backup) }
        return GlanceDatabase(connection: CrashAfterStatements.wrapping(connection))
    }

    var map: RevisionMap { migrator.map }

    var expandHead: String { (try? map.head(ofBranch: GlanceRevisions.expandBranch)) ?? "" }
    var contractHead: String { (try? map.head(ofBranch: GlanceRevisions.contractBranch)) ?? "" }

    /// The current heads, with pre-Queens ids read as today's (`ocata01` is `ocata_contract01`).
    func heads() throws -> [String] {
        guard let connection else { return [] }
        let heads = try VersionTable().rows(in: connection).map { StampingMap.todaysID(ofPreQueens: $0) ?? $0 }
        try migrator.validate(heads)
        return heads
    }

    /// The version history, read without writing, both version tables in one snapshot.
    func detect() throws -> Detection {
        guard let connection else { return .absent }
        return try Detection.readConsistently(connection)
    }

    /// The current heads `detection` holds, validated as `heads()` validates them.
    func heads(of detection: Detection) throws -> [String] {
        try migrator.validate(detection.effectiveHeads)
        return detection.effectiveHeads
    }

    /// The revision a killed run left half-way on a database whose DDL commits per statement (nil elsewhere
    /// and for a legacy history, which has no Alembic revision to resume), for `db version` and `db check`.
    /// Reads only. Counted in a plain run's operations: an online run's extra ones (`db expand`'s
    /// triggers) come last, and a revision whose plain operations are all done is reported as such.
    func partialRevision(_ detection: Detection) throws -> PartialRevision? {
        guard let connection else { return nil }
        switch detection.kind {
        case .alembic, .alembicWithLegacyLeftover:
            do {
                return try migrator.partialRevision(in: connection, heads: try heads(of: detection))
            } catch MigrationError.unrecognisedPartialRevision(let revision) {
                // Reading still answers with the recorded heads; the upgrade is what refuses.
                Output.error("WARNING: what revision \(revision) changes matches none of the states between its "
                             + "operations (changed by hand?): an upgrade will refuse to run it")
                return nil
            }
        case .unversioned where detection.hasAlembicTable:
            return try Bridge.partialFirstRevision(in: connection)
        case .empty, .legacy, .unversioned:
            return nil
        }
    }

    /// Says on stderr that a revision is partly applied and what finishes it; stdout keeps Glance's lines.
    static func notePartial(_ partial: PartialRevision?) {
        guard let partial else { return }
        Output.error("NOTE: \(partial); the next \"glance-manage db sync\" (or the expand/contract step it "
                     + "belongs to) resumes it after its last completed operation")
    }

    /// Puts a legacy, unversioned or pre-Queens database onto today's Alembic chain before an upgrade:
    /// detect, verify the schema, then stamp (dropping `migrate_version`) in one transaction.
    /// - Parameter announce: print Glance's stamping messages (not under `--sql`, whose stdout is SQL).
    /// - Returns: what the bridge did.
    @discardableResult
    func bridge(force: Bool, announce: Bool = true) throws -> Bridge.Plan {
        let database = try requireConnection()
        var bridge = Bridge()
        var plan = Bridge.Plan.none
        // A run that ignored the migration lock may bridge between our plan and our write transaction;
        // the bridge then refuses the stale plan and we plan again from what is there now.
        for attempt in 1...3 {
            let detection = try Detection.read(database)
            plan = try bridge.plan(for: database, detection: detection, force: force)
            if case .stamp(_, let state, false) = plan {
                Output.error("WARNING: stamping \(state) although its schema does not match (--force)")
            }
            // The legacy scripts a carry runs; on a terminal, one line counting them.
            let from = detection.legacyVersion ?? 0
            let scripts = plan.legacyScriptCount
            let carry = ProgressDisplay(label: "Legacy scripts", total: scripts, unit: "scripts")
            bridge.legacyObserver = { script in
                carry.update(done: script.version - from - 1, logLine: "Running legacy script \(script.fileName)",
                             logger: "migrate.versioning.api")
            }
            defer { carry.finish() }
            do {
                try bridge.apply(plan, planned: detection, to: database, migrator: migrator)
                break
            } catch BridgeError.historyChangedUnderneath where attempt < 3 {
                continue
            }
        }
        guard announce else { return plan }
        // Glance's messages, printed once the stamp has committed.
        switch plan {
        case .none:
            break
        case .rewritePreQueensIDs(let rewrites):
            for (old, new) in rewrites.sorted(by: { $0.key < $1.key }) {
                Output.log("Rewrote pre-Queens revision id \(old) to \(new)", logger: "glance.db.migration")
            }
        case .carry, .stamp:
            Output.line("Database is currently not under Alembic's migration control.")
            Output.log(plan.summary, logger: "glance.db.migration")
            if case .carry(let version, let force) = plan {
                Output.line(LegacyMigrator.ranSummary(from: version, to: 42, verified: !force))
            }
            Output.line("Placing database under Alembic's migration control at revision: \(plan.stampedRevisions?.joined(separator: ", ") ?? "")")
        }
        return plan
    }

    func pendingDataMigrations() throws -> [DataMigration] {
        guard let connection else { return [] }
        return try GlanceRevisions.dataMigrations.filter { try $0.isPending(in: connection) }
    }

    func requireConnection() throws -> any Database {
        guard let connection else { throw CLIFailure("ERROR: the database does not exist") }
        return connection
    }

    /// Upgrades to `target`, logging `Running upgrade …` lines on stderr.
    /// - Parameters:
    ///   - later: where the same run goes afterwards (`db sync`'s expand step: `heads`), so that the engine
    ///     may fuse a revision with a later one that erases its costly alteration (Migrator+Fusion.swift).
    ///   - options: `.online` (only `db expand`) also installs the compatibility triggers.
    @discardableResult
    func upgrade(to target: String, continuingTo later: String? = nil,
                 options: UpgradeOptions = []) throws -> [Revision] {
        let database = try requireConnection()
        return try migrator.upgrade(database, to: target, continuingTo: later, options: options,
                                    observer: Self.loggingObserver)
    }

    /// The rows `db migrate` changes per transaction unless told otherwise.
    static let defaultBatchSize = 1000

    /// Runs every pending data migration. With a `batchSize` (online `db migrate`), in batches of that many
    /// rows where the migration supports it, each committed on its own: writers wait for one batch at most,
    /// and an interrupted run leaves the batches it finished in place (the rest is still pending for the
    /// next run); progress goes to stderr when more than one batch is needed. Without one (`db sync`, an
    /// offline maintenance window), each migration is one set-based transaction: far faster on large
    /// tables, and nothing else writes meanwhile. Returns the rows changed.
    func runDataMigrations(batchSize: Int?) throws -> Int {
        let database = try requireConnection()
        var total = 0
        for migration in GlanceRevisions.dataMigrations where try migration.isPending(in: database) {
            let rows: Int
            if let batchSize {
                // On a terminal, one line redrawn per batch; otherwise a log record per batch.
                var display = ProgressDisplay(label: "Data migration \(migration.id)", total: 0)
                defer { display.finish() }
                rows = try migration.run(in: database, batchSize: batchSize) { progress in
                    guard progress.rowsPendingAtStart > batchSize else { return }
                    display.total = progress.rowsPendingAtStart
                    display.update(done: progress.rowsChanged, logLine: "Data migration \(progress.migration): batch \(progress.batch) committed, \(progress.rowsChanged) of \(progress.rowsPendingAtStart) rows migrated")
                }
            } else {
                rows = try WriteTransaction.runRetryingConflicts(on: database) { try migration.run(in: $0) }
            }
            Output.log("Data migration \(migration.id) changed \(rows) rows", logger: "glance.db.migration")
            total += rows
        }
        return total
    }

    static var loggingObserver: MigrationObserver {
        let rebuild = RebuildProgress()
        return MigrationObserver(
            revisionStarted: { Output.log(MigrationObserver.runningLine($0)) },
            dataMigrated: { migration, rows in
                Output.log("Data migration \(migration.id) changed \(rows) rows", logger: "glance.db.migration")
            },
            revisionResumed: { Output.log(MigrationObserver.resumingLine($0, done: $1, count: $2)) },
            clusterBlocked: { Output.error($0) },
            rowsCopied: rebuild.report)
    }
}

extension PartialRevision {
    /// For `--format json`: which revision, and how many of its operations are done.
    var json: [String: Any] {
        let json: [String: Any] = ["revision": revision, "operations_done": operationsApplied, "operations": operationCount]
        // Only for a fused step: the revisions applied in the same step as `revision`.
        return fusedWith.isEmpty ? json : json.merging(["fused_with": fusedWith]) { $1 }
    }
}
