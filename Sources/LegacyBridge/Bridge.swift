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
        /// Run legacy scripts from `version` to 42, verify the result is legacy 42, stamp `liberty` and drop
        /// `migrate_version`, all in one transaction.
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
            return rewrites.isEmpty ? .none : .rewritePreQueensIDs(rewrites)
        case .legacy where detection.legacyVersion == 0:
            // Version 0 with Glance tables: the number says nothing, so the schema has to.
            return try identifyUnversioned(database)
        case .legacy:
            let version = detection.legacyVersion ?? 0
            if version < 42 {
                if let refusal = try LegacyMigrator().refusals(in: database, from: version, to: 42).first {
                    throw BridgeError.legacyStepRefused(refusal)
                }
                return .carry(fromLegacyVersion: version, force: force)
            }
            let known = KnownSchemas(dialect: database.dialect)
            guard let expected = known.legacy(version), let revision = StampingMap.revisionForLegacyVersion[version] else {
                throw BridgeError.legacyVersionUnknown(version)
            }
            let live = try database.introspect().excluding(tables: KnownSchemas.versionTables)
            if Fingerprint(live) == Fingerprint(expected) {
                return .stamp(revisions: [revision], because: .legacy(version), verified: true)
            }
            if force { return .stamp(revisions: [revision], because: .legacy(version), verified: false) }
            if let actual = known.identify(live).first {
                throw BridgeError.schemaIsAnotherVersion(claimed: "legacy version \(version)", actual: actual.description)
            }
            throw MismatchError(error: .schemaMismatch(claimed: "legacy version \(version)", differences: SchemaDiff(expected, live).count),
                                diff: SchemaDiff(expected, live))
        case .unversioned:
            return try identifyUnversioned(database)
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
    public func apply(_ plan: Plan, to database: any Database, migrator: Migrator) throws {
        switch plan {
        case .none:
            return
        case .rewritePreQueensIDs(let rewrites):
            try migrator.rewriteVersionRows(database, rewrites.sorted { $0.key < $1.key }.map { (old: $0.key, new: $0.value) })
        case .stamp(let revisions, _, _):
            try WriteTransaction.run(on: database) { try stampAndDropLegacyTable(revisions, $0, migrator) }
        case .carry(let version, let force):
            try WriteTransaction.run(on: database) { transaction in
                try LegacyMigrator().upgrade(transaction, from: version, to: 42, observer: legacyObserver)
                let live = try database.introspect().excluding(tables: KnownSchemas.versionTables)
                if let expected = KnownSchemas(dialect: database.dialect).legacy(42), Fingerprint(live) != Fingerprint(expected), !force {
                    let diff = SchemaDiff(expected, live)
                    throw MismatchError(error: .schemaMismatch(claimed: "legacy version 42 after running the legacy scripts from \(version)", differences: diff.count), diff: diff)
                }
                try stampAndDropLegacyTable([StampingMap.revisionForLegacyVersion[42]!], transaction, migrator)
            }
        }
    }

    /// Called before each legacy script runs (the CLI logs `NNN_name`).
    public var legacyObserver: (LegacyScript) -> Void = { _ in }

    private func stampAndDropLegacyTable(_ revisions: [String], _ transaction: WriteTransaction,
                                         _ migrator: Migrator) throws {
        try migrator.stamp(transaction, to: revisions)
        let database = transaction.database
        if try database.tableExists(LegacyVersionTable.name) {
            try database.execute("DROP TABLE \(database.dialect.quote(LegacyVersionTable.name))")
        }
    }
}

extension Bridge.Plan {
    /// The Alembic revision arguments the database is stamped at, or nil when the plan stamps nothing.
    public var stampedRevisions: [String]? {
        switch self {
        case .none, .rewritePreQueensIDs: return nil
        case .stamp(let revisions, _, _): return revisions
        case .carry: return [StampingMap.revisionForLegacyVersion[42]!]
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
            return "run legacy scripts \(version + 1)-042, verify the result is legacy version 42, stamp liberty and drop migrate_version (one transaction)"
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
