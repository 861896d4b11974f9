import DatabaseCore
import GlanceRevisions
import LegacyScripts
import MigrationEngine

/// Carries a database that is not (or not properly) under Alembic control onto the Alembic chain:
/// it detects the history, proves the schema is what the version claims, and stamps.
public struct Bridge {
    public init() {}

    /// What the bridge would do before an upgrade.
    public enum Plan: Equatable, Sendable {
        /// Nothing: empty, or already under Alembic with known ids.
        case none
        /// Rewrite pre-Queens ids in `alembic_version` to today's (`ocata01` → `ocata_contract01`).
        case rewritePreQueensIDs([String: String])
        /// Stamp `revisions` (one per head: for a legacy version or an identified unversioned schema), then
        /// drop the `migrate_version` table in the same transaction.
        case stamp(revisions: [String], because: KnownSchemas.State, verified: Bool)
        /// Run legacy scripts from `version` to the first stampable version (42), verify the result is that
        /// version, stamp its revision (`liberty`) and drop `migrate_version`, all in one transaction.
        case carry(fromLegacyVersion: Int, force: Bool)
    }

    /// Works out the plan, verifying the schema against the claimed version. Never writes.
    /// - Parameter force: stamp a legacy database whose schema does not match its claimed version.
    /// - Throws: `BridgeError` explaining why the database is refused; `mismatch` carries the differences.
    public func plan(for database: any Database, detection: Detection, force: Bool = false) throws -> Plan {
        switch detection.kind {
        case .empty:
            return .none
        case .alembic, .alembicWithLegacyLeftover:
            // The same checks (and messages) as the migrator's: unknown, empty, duplicate or nested rows.
            try Migrator(map: GlanceRevisions.map).validate(detection.effectiveHeads)
            let rewrites = Dictionary(uniqueKeysWithValues: detection.preQueensRows)
            guard !rewrites.isEmpty else { return .none }
            // A pre-Queens id is a claim about the schema, like a legacy number: rewriting it over a schema
            // that is elsewhere would let the upgrade fail half-way, so it is checked first.
            if !force {
                let claimed = "Alembic revision " + detection.alembicRows.map { row in
                    StampingMap.todaysID(ofPreQueens: row).map { "\(row) (today \($0))" } ?? row
                }.joined(separator: ", ")
                let known = KnownSchemas(dialect: database.dialect)
                let expected = known.alembic(detection.effectiveHeads)
                if let refusal = try refusal(of: database, claimed: claimed, expected: expected) { throw refusal }
            }
            return .rewritePreQueensIDs(rewrites)
        case .legacy where detection.legacyVersion == 0:
            // Version 0 with Glance tables: the number says nothing, so the schema has to.
            return try identifyUnversioned(database)
        case .legacy:
            let version = detection.legacyVersion ?? 0
            if StampingMap.revisionForLegacyVersion[version] == nil,
               let target = StampingMap.carryTarget(from: version) {
                if let refusal = try LegacyMigrator().refusals(in: database, from: version, to: target).first {
                    throw BridgeError.legacyStepRefused(refusal)
                }
                // Where DDL is not transactional a script that fails half-way cannot be undone, so the scripts
                // only start on the schema they were written for (and a run that died inside a script is
                // refused, not run again over its own half).
                let known = KnownSchemas(dialect: database.dialect)
                if !database.dialect.hasTransactionalDDL, !force, let expected = known.legacy(version),
                   let refusal = try refusal(of: database, claimed: "legacy version \(version)", expected: expected) {
                    let live = try database.introspect()
                    if let (script, applied) = known.interruptedScript(after: version, live: live) {
                        throw BridgeError.interruptedLegacyScript(
                            recorded: version, script: script.fileName, applied: applied,
                            total: script.upgrade.operations(for: database.dialect).count)
                    }
                    throw refusal
                }
                return .carry(fromLegacyVersion: version, force: force)
            }
            let known = KnownSchemas(dialect: database.dialect)
            guard let expected = known.legacy(version), let revision = StampingMap.revisionForLegacyVersion[version] else {
                throw BridgeError.legacyVersionUnknown(version)
            }
            let claimed = "legacy version \(version)"
            guard let refusal = try refusal(of: database, claimed: claimed, expected: expected) else {
                return .stamp(revisions: [revision], because: .legacy(version), verified: true)
            }
            if force { return .stamp(revisions: [revision], because: .legacy(version), verified: false) }
            throw refusal
        case .unversioned:
            // An empty alembic_version beside Glance tables is what a first revision killed half-way leaves
            // where DDL commits per statement: the migrator resumes it, there is nothing to stamp.
            if detection.hasAlembicTable, try Self.partialFirstRevision(in: database) != nil { return .none }
            return try identifyUnversioned(database)
        }
    }

    /// Why the live schema (tables, indexes, constraints, triggers and views; version tables aside) is not
    /// the `expected` one the version tables claim, or nil when it is.
    private func refusal(of database: any Database, claimed: String, expected: Schema) throws -> Error? {
        let live = try database.introspect().excluding(tables: KnownSchemas.versionTables)
        if Fingerprint(live) == Fingerprint(expected) { return nil }
        if let actual = KnownSchemas(dialect: database.dialect).identify(live).first {
            return BridgeError.schemaIsAnotherVersion(claimed: claimed, actual: actual.description)
        }
        let diff = SchemaDiff(expected, live)
        return MismatchError(error: .schemaMismatch(claimed: claimed, differences: diff.count), diff: diff)
    }

    /// The first revision of the chain, partly applied by a killed run (only where DDL is not transactional),
    /// or nil. Tables that are no such state are not a partial revision but a schema to identify.
    public static func partialFirstRevision(in database: any Database) throws -> PartialRevision? {
        do {
            return try Migrator(map: GlanceRevisions.map).partialRevision(in: database, heads: [])
        } catch MigrationError.unrecognisedPartialRevision {
            return nil
        }
    }

    /// A database whose version table says nothing is identified by its schema alone.
    private func identifyUnversioned(_ database: any Database) throws -> Plan {
        let live = try database.introspect().excluding(tables: KnownSchemas.versionTables)
        guard let state = KnownSchemas(dialect: database.dialect).identify(live).first else {
            throw BridgeError.unrecognisedSchema
        }
        switch state {
        case .legacy(let v):
            return .stamp(revisions: [StampingMap.revisionForLegacyVersion[v] ?? "liberty"], because: state, verified: true)
        case .alembic(let heads): return .stamp(revisions: heads, because: state, verified: true)
        }
    }

    /// Carries out a plan in one transaction: version rows and the dropped `migrate_version` commit
    /// together or not at all.
    /// - Parameter planned: the detection the plan was made from. It is read again inside the write
    ///   transaction, and a difference (another run bridged meanwhile, with or without the migration lock)
    ///   throws `BridgeError.historyChangedUnderneath` before anything is written: a stale plan would
    ///   stamp a legacy revision over a migrated schema.
    public func apply(_ plan: Plan, planned: Detection, to database: any Database, migrator: Migrator) throws {
        func unchanged() throws {
            guard try Detection.read(database) == planned else { throw BridgeError.historyChangedUnderneath }
        }
        switch plan {
        case .none:
            return
        case .rewritePreQueensIDs(let rewrites):
            try WriteTransaction.run(on: database) { transaction in
                try unchanged()
                let ordered = rewrites.sorted { $0.key < $1.key }.map { (old: $0.key, new: $0.value) }
                try migrator.rewriteVersionRows(transaction, ordered)
            }
        case .stamp(let revisions, _, _):
            try WriteTransaction.run(on: database) { transaction in
                try unchanged()
                try stampAndDropLegacyTable(revisions, transaction, migrator)
            }
        case .carry(let version, let force):
            let (target, revision) = Self.carry(from: version)
            try LegacyMigrator().carry(database, from: version, to: target, check: unchanged,
                                       observer: legacyObserver) { transaction in
                let live = try database.introspect().excluding(tables: KnownSchemas.versionTables)
                if let expected = KnownSchemas(dialect: database.dialect).legacy(target),
                   Fingerprint(live) != Fingerprint(expected), !force {
                    let diff = SchemaDiff(expected, live)
                    // Where the scripts committed on their own, saying "nothing was changed" would be false.
                    let error: BridgeError = database.dialect.hasTransactionalDDL
                        ? .schemaMismatch(claimed: "legacy version \(target) after running the legacy scripts "
                                            + "from \(version)", differences: diff.count)
                        : .carriedSchemaMismatch(from: version, to: target, differences: diff.count)
                    throw MismatchError(error: error, diff: diff)
                }
                try stampAndDropLegacyTable([revision], transaction, migrator)
            }
        }
    }

    /// The version a `carry` plan runs the legacy scripts to, and the revision it then stamps.
    static func carry(from version: Int) -> (target: Int, revision: String) {
        guard let target = StampingMap.carryTarget(from: version),
              let revision = StampingMap.revisionForLegacyVersion[target] else {
            preconditionFailure("a carry plan from legacy \(version) has no stampable version above it")
        }
        return (target, revision)
    }

    /// Called before each legacy script runs (the CLI logs `NNN_name`).
    public var legacyObserver: (LegacyScript) -> Void = { _ in }

    private func stampAndDropLegacyTable(_ revisions: [String], _ transaction: WriteTransaction,
                                         _ migrator: Migrator) throws {
        try migrator.stamp(transaction, to: revisions)
        try LegacyVersionTable.release(in: transaction.database)
    }
}

extension Bridge.Plan {
    /// The Alembic revision arguments the database is stamped at, or nil when the plan stamps nothing.
    public var stampedRevisions: [String]? {
        switch self {
        case .none, .rewritePreQueensIDs: return nil
        case .stamp(let revisions, _, _): return revisions
        case .carry(let version, _): return [Bridge.carry(from: version).revision]
        }
    }

    /// One line saying what the bridge does.
    public var summary: String {
        switch self {
        case .none: return "nothing to bridge"
        case .rewritePreQueensIDs(let rewrites):
            return "rewrite " + rewrites.sorted { $0.key < $1.key }.map { "\($0.key) -> \($0.value)" }.joined(separator: ", ")
        case .stamp(let revisions, let state, let verified):
            let stamped = revisions.joined(separator: ",")
            return "\(verified ? "verified as" : "NOT verified as (--force)") \(state); stamp \(stamped) and drop migrate_version"
        case .carry(let version, _):
            let (target, revision) = Bridge.carry(from: version)
            return "run legacy scripts \(LegacyMigrator.range(from: version, to: target)), "
                + "verify the result is legacy version \(target), "
                + "stamp \(revision) and drop migrate_version (one transaction where DDL is transactional, "
                + "else one per script, each recorded in migrate_version)"
        }
    }
}

/// A schema that differs from the version it claims, with the differences for the operator.
public struct MismatchError: Error, CustomStringConvertible, Sendable {
    public let error: BridgeError
    public let diff: SchemaDiff
    public var description: String { error.description }
}

extension SchemaDiff {
    public var count: Int { onlyInFirst.count + onlyInSecond.count }
}
