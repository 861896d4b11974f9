import MigrationEngine

/// Glance's Alembic history (`glance/db/sqlalchemy/alembic_migrations/versions/`) as data: one file per
/// revision, named like Glance's, each an extension of this namespace.
public enum GlanceRevisions {
    /// Every revision, once. Expand revisions come before contract ones, so that the map's `heads` lists
    /// `2024_1_expand01` first and `upgrade heads` applies the expand chain before the contract chain.
    public static let all: [Revision] = [
        liberty, mitaka01, mitaka02,
        ocataExpand01, pikeExpand01, queensExpand01, rockyExpand01, rockyExpand02, trainExpand01,
        ussuriExpand01, wallabyExpand01, xenaExpand01, yogaExpand01, zedExpand01, expand2023_1_01, expand2024_1_01,
        ocataContract01, pikeContract01, queensContract01, rockyContract01, rockyContract02, trainContract01,
        ussuriContract01, wallabyContract01, xenaContract01, yogaContract01, zedContract01, contract2023_1_01,
        contract2024_1_01,
    ]

    /// Data migrations of every release, not only the current one: Glance only considers
    /// `CURRENT_RELEASE`'s modules, which is why a database that skipped Ocata's `db migrate` can never be
    /// contracted by later releases. Ours are always considered; each is pending only while it applies.
    public static let dataMigrations: [DataMigration] = [ocataMigrate01, trainMigrate01]

    public static let expandBranch = "expand"
    public static let contractBranch = "contract"

    /// The validated map. A broken graph is a programming error caught by `RevisionMapTests`.
    public static let map: RevisionMap = {
        do { return try RevisionMap(all) } catch { preconditionFailure("Glance revision graph is invalid: \(error)") }
    }()
}

/// The four timestamp/soft-delete columns of Glance's `GlanceBase` mixin.
func glanceBaseColumns() -> [Column] {
    [
        Column("created_at", .datetime, nullable: false),
        Column("updated_at", .datetime),
        Column("deleted_at", .datetime),
        Column("deleted", .boolean, nullable: false),
    ]
}

/// `created_at`/`updated_at` of Glance's `GlanceMetadefBase` mixin.
func metadefTimestampColumns() -> [Column] {
    [Column("created_at", .datetime, nullable: false), Column("updated_at", .datetime)]
}
