import DatabaseCore

/// One step of a migration history, as data: its identity, its place in the graph and what it does.
///
/// ```swift
/// Revision(id: "rocky_expand02", downRevisions: ["rocky_expand01"],
///          message: "add os_hash_algo and os_hash_value columns to images table",
///          upgrade: .allDialects([.addColumn(table: "images", Column("os_hash_algo", .varchar(64)))]))
/// ```
public struct Revision: Sendable, Hashable {
    public let id: String
    public let downRevisions: [String]
    public let branchLabels: [String]
    public let dependsOn: [String]
    /// The first docstring line, printed in `Running upgrade a -> b, <message>`; empty for none.
    public let message: String
    /// What the revision does. Built when asked for, not when the revision is: `db version` builds the whole
    /// map at every start and needs only the graph (BENCHMARKS.md, start-up). The closures capture nothing
    /// but the revision's own literals and static lists, so every call gives the same value.
    public var upgrade: Upgrade { makeUpgrade() }
    /// Data migrations that must have run before this revision's DDL (e.g. contract steps that make a
    /// column NOT NULL). The runner applies any that are pending in the same transaction, first. Where DDL
    /// is not transactional the revision's first DDL commits them; a resumed run finds them no longer
    /// pending, so they need no record of their own.
    public var requiresData: [DataMigration] { makeRequiresData() }
    /// Operations that only run in an online upgrade (`UpgradeOptions.online`), after `upgrade`'s and in
    /// the same transaction: what keeps the previous release's writers and the new release's consistent
    /// while both run, such as compatibility triggers.
    public var onlineUpgrade: Upgrade { makeOnlineUpgrade() }

    private let makeUpgrade: @Sendable () -> Upgrade
    private let makeOnlineUpgrade: @Sendable () -> Upgrade
    private let makeRequiresData: @Sendable () -> [DataMigration]

    public init(id: String, downRevisions: [String] = [], branchLabels: [String] = [], dependsOn: [String] = [],
                message: String = "", upgrade: @autoclosure @escaping @Sendable () -> Upgrade = .none,
                onlineUpgrade: @autoclosure @escaping @Sendable () -> Upgrade = .none,
                requiresData: @autoclosure @escaping @Sendable () -> [DataMigration] = []) {
        self.id = id
        self.downRevisions = downRevisions
        self.branchLabels = branchLabels
        self.dependsOn = dependsOn
        self.message = message
        self.makeUpgrade = upgrade
        self.makeOnlineUpgrade = onlineUpgrade
        self.makeRequiresData = requiresData
    }

    /// Every operation the revision runs on `dialect` with `options`, in order.
    public func operations(for dialect: Dialect, options: UpgradeOptions = []) -> [Operation] {
        upgrade.operations(for: dialect) + (options.contains(.online) ? onlineUpgrade.operations(for: dialect) : [])
    }

    public static func == (a: Revision, b: Revision) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// What a revision does, for every dialect or separately where the real tool's behaviour differs.
    public enum Upgrade: Sendable {
        case none
        case allDialects([Operation])
        /// Where the real tool does different things on different databases: one list per dialect.
        case perDialect(PerDialect<[Operation]>)

        /// Shorthand for `.perDialect(PerDialect(sqlite:postgresql:mysql:))`.
        public static func perDialect(sqlite: [Operation], postgresql: [Operation], mysql: [Operation]) -> Upgrade {
            .perDialect(PerDialect(sqlite: sqlite, postgresql: postgresql, mysql: mysql))
        }

        public func operations(for dialect: Dialect) -> [Operation] {
            switch self {
            case .none: return []
            case .allDialects(let ops): return ops
            case .perDialect(let ops): return ops[dialect]
            }
        }
    }
}

/// How an upgrade runs.
public struct UpgradeOptions: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// An online (rolling) upgrade: the previous release keeps writing while the schema is expanded, so each
    /// revision's `onlineUpgrade` operations run too. Off by default, as Glance's `USE_TRIGGERS` is off
    /// under `db sync`.
    public static let online = UpgradeOptions(rawValue: 1 << 0)
}
