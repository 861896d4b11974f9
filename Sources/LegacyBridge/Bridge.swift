import DatabaseCore
import GlanceRevisions
import MigrationEngine

/// Carries a database that is not (or not properly) under Alembic control onto the Alembic chain:
/// it detects the history, proves the schema is what the version claims, and stamps.
public struct Bridge: Sendable {
    public init() {}

    /// What the bridge would do before an upgrade.
    public enum Plan: Equatable, Sendable {
        /// Nothing: empty, or already under Alembic with known ids.
        case none
        /// Rewrite pre-Queens ids in `alembic_version` to today's (`ocata01` → `ocata_contract01`).
        case rewritePreQueensIDs([String: String])
        /// Stamp `revision` (for a legacy version or an identified unversioned schema), then drop the
        /// `migrate_version` table in the same transaction.
        case stamp(revision: String, because: KnownSchemas.State, verified: Bool)
    }

    /// Works out the plan, verifying the schema against the claimed version. Never writes.
    /// - Parameter force: stamp a legacy database whose schema does not match its claimed version.
    /// - Throws: `BridgeError` explaining why the database is refused; `mismatch` carries the differences.
    public func plan(for database: any Database, detection: Detection, force: Bool = false) throws -> Plan {
        switch detection.kind {
        case .empty:
            return .none
        case .alembic, .alembicWithLegacyLeftover:
            for row in detection.effectiveHeads where GlanceRevisions.map.revision(row) == nil {
                throw BridgeError.unknownAlembicRow(row)
            }
            let rewrites = Dictionary(uniqueKeysWithValues: detection.preQueensRows)
            return rewrites.isEmpty ? .none : .rewritePreQueensIDs(rewrites)
        case .legacy where detection.legacyVersion == 0:
            // Version 0 with Glance tables: the number says nothing, so the schema has to.
            return try identifyUnversioned(database)
        case .legacy:
            let version = detection.legacyVersion ?? 0
            if version < 42 { throw BridgeError.legacyVersionTooOld(version) }
            let known = KnownSchemas(dialect: database.dialect)
            guard let expected = known.legacy(version), let revision = StampingMap.revisionForLegacyVersion[version] else {
                throw BridgeError.legacyVersionUnknown(version)
            }
            let live = try database.introspect().excluding(tables: KnownSchemas.versionTables)
            if Fingerprint(live) == Fingerprint(expected) {
                return .stamp(revision: revision, because: .legacy(version), verified: true)
            }
            if force { return .stamp(revision: revision, because: .legacy(version), verified: false) }
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
        case .legacy(let v): return .stamp(revision: StampingMap.revisionForLegacyVersion[v] ?? "liberty", because: state, verified: true)
        case .alembic(let heads): return .stamp(revision: heads.joined(separator: ","), because: state, verified: true)
        }
    }

    /// Carries out a plan in one transaction: version rows and the dropped `migrate_version` commit
    /// together or not at all.
    public func apply(_ plan: Plan, to database: any Database, migrator: Migrator) throws {
        switch plan {
        case .none:
            return
        case .rewritePreQueensIDs(let rewrites):
            try database.inTransaction {
                for (old, new) in rewrites.sorted(by: { $0.key < $1.key }) {
                    try VersionTable().apply([.update(from: old, to: new)], in: database)
                }
            }
        case .stamp(let revision, _, _):
            try database.inTransaction {
                for target in revision.split(separator: ",").map(String.init) {
                    try migrator.stamp(database, to: target, inExistingTransaction: true)
                }
                if try database.tableExists(LegacyVersionTable.name) {
                    try database.execute("DROP TABLE \(database.dialect.quote(LegacyVersionTable.name))")
                }
            }
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
