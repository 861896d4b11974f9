import DatabaseCore
import LegacyScripts
import MigrationEngine

/// Runs Glance's legacy scripts (`legacy/`) and keeps sqlalchemy-migrate's `migrate_version` row in step,
/// as `UPDATE migrate_version SET version = :end WHERE version = :start AND repository_id = :id` did.
public struct LegacyMigrator: Sendable {
    /// The scripts to run; the comparison tool's tests swap one to prove a changed script is caught.
    public let scripts: [LegacyScript]

    public init(scripts: [LegacyScript] = LegacyScripts.all) {
        self.scripts = scripts
    }

    /// sqlalchemy-migrate's `version_control`: creates the table and Glance's row.
    public func versionControl(_ database: any Database, version: Int = 0) throws {
        let table = database.dialect.quote(LegacyVersionTable.name)
        try database.executeScript("""
            CREATE TABLE \(table) (repository_id VARCHAR(250) NOT NULL, repository_path TEXT, version INTEGER, \
            PRIMARY KEY (repository_id))
            """)
        try database.execute("INSERT INTO \(table) (repository_id, repository_path, version) VALUES (?, ?, ?)", [
            .text(LegacyVersionTable.repositoryID), .text("glance-bridge/legacy"), .integer(Int64(version)),
        ])
    }

    /// Refusals of every step between `current` and `target`, checked before anything runs.
    public func refusals(in database: any Database, from current: Int, to target: Int) throws -> [String] {
        try pending(from: current, to: target).compactMap { try $0.precondition?(database) }
    }

    /// Applies versions `current+1 … target` in `transaction` (the bridge carries a database to 42,
    /// verifies and stamps in one transaction, so a failure anywhere changes nothing).
    /// - Returns: the versions applied.
    @discardableResult
    public func upgrade(_ transaction: WriteTransaction, from current: Int, to target: Int,
                        observer: (LegacyScript) -> Void = { _ in }) throws -> [Int] {
        let database = transaction.database
        if let refusal = try refusals(in: database, from: current, to: target).first {
            throw BridgeError.legacyStepRefused(refusal)
        }
        let runner = OperationRunner(renderer: renderer(for: database.dialect))
        var version = current
        for script in pending(from: current, to: target) {
            observer(script)
            do {
                let carried = try script.carry?.read(database)
                let operations = script.upgrade.operations(for: database.dialect)
                let split = min(script.carry?.writeBefore ?? operations.count, operations.count)
                try runner.run(Array(operations[..<split]), in: transaction)
                if let carry = script.carry, let carried { try carry.write(database, carried) }
                try runner.run(Array(operations[split...]), in: transaction)
                try script.data?(database)
            } catch let error as DatabaseError {
                throw BridgeError.legacyStepFailed(script.fileName, error)
            } catch let refusal as LegacyScriptRefusal {
                throw BridgeError.legacyStepRefused(refusal.description)
            }
            let changed = try database.execute("""
                UPDATE \(database.dialect.quote(LegacyVersionTable.name)) SET version = ? \
                WHERE version = ? AND repository_id = ?
                """, [.integer(Int64(script.version)), .integer(Int64(version)),
                      .text(LegacyVersionTable.repositoryID)])
            guard changed == 1 else { throw BridgeError.legacyVersionRowMoved(script.fileName) }
            version = script.version
        }
        return pending(from: current, to: target).map(\.version)
    }

    /// Carries `database` from `current` to `target` and then runs `finish` (the bridge verifies and stamps
    /// there), owning the transactions. Where DDL is transactional, everything is one transaction, so a
    /// failure anywhere changes nothing. Where it is not (MySQL commits at every DDL statement, and each
    /// statement after it commits on its own), each script is a step of its own that ends by advancing
    /// `migrate_version`, so the version row always names the last script that ran to its end and a rerun
    /// resumes from there; `finish` is one more transaction.
    /// - Parameter check: runs first, inside the first transaction (the bridge re-reads the version tables).
    /// - Throws: `BridgeError.legacyStepFailed` (nothing changed) or, where scripts had already committed,
    ///   `BridgeError.legacyStepFailedAfterCommits` naming the version `migrate_version` records.
    public func carry(_ database: any Database, from current: Int, to target: Int, check: () throws -> Void = {},
                      observer: (LegacyScript) -> Void = { _ in },
                      finish: (WriteTransaction) throws -> Void) throws {
        guard !database.dialect.hasTransactionalDDL else {
            try WriteTransaction.run(on: database) { transaction in
                try check()
                try upgrade(transaction, from: current, to: target, observer: observer)
                try finish(transaction)
            }
            return
        }
        if let refusal = try refusals(in: database, from: current, to: target).first {
            throw BridgeError.legacyStepRefused(refusal)
        }
        var version = current
        for script in pending(from: current, to: target) {
            do {
                try WriteTransaction.run(on: database) { transaction in
                    if version == current { try check() }
                    try upgrade(transaction, from: version, to: script.version, observer: observer)
                }
            } catch BridgeError.legacyStepFailed(let name, let error) {
                throw BridgeError.legacyStepFailedAfterCommits(name, error, recorded: version,
                                                                dialect: database.dialect)
            } catch BridgeError.legacyVersionRowMoved(let name) {
                throw BridgeError.legacyVersionRowMovedAfterCommits(name, recorded: version)
            }
            version = script.version
        }
        try WriteTransaction.run(on: database) { transaction in
            if version == current { try check() }
            try finish(transaction)
        }
    }

    /// `035-042`: the versions after `current` up to `target`, as Glance numbers its scripts.
    public static func range(from current: Int, to target: Int) -> String {
        current + 1 == target ? target.zeroPadded(3) : "\((current + 1).zeroPadded(3))-\(target.zeroPadded(3))"
    }

    /// The line `db sync` prints once the carried database has committed, before Glance's stamping line.
    /// - Parameter verified: false under `--force`, where a result that is not legacy `target` was let through.
    public static func ranSummary(from current: Int, to target: Int, verified: Bool = true) -> String {
        "Ran legacy scripts \(range(from: current, to: target)) (\(StampingMap.release(ofLegacyVersion: current + 1)) "
            + "to \(StampingMap.release(ofLegacyVersion: target)))"
            + (verified ? " and verified the result is legacy version \(target)."
                : " (--force: the result is unverified).")
    }

    private func pending(from current: Int, to target: Int) -> [LegacyScript] {
        scripts.filter { $0.version > current && $0.version <= target }
    }
}
