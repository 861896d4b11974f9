import MigrationEngine

extension GlanceRevisions {
    /// `ocata_contract01_drop_is_public.py`: drops `is_public` and makes `visibility` NOT NULL DEFAULT
    /// 'shared'. Glance fails here on databases holding images whose visibility was never migrated (its CLI
    /// only runs the current release's data migrations); ours runs `ocata_migrate01` first when it is
    /// pending. Branch labels as in Queens and later: `ocata01` (the removed monolithic revision, so that
    /// `version_control --version ocata01` still resolves) and `contract`.
    ///
    /// The compatibility triggers `ocata_expand01` installs in an online upgrade are dropped first, in every
    /// mode (Glance drops its MySQL ones only when `USE_TRIGGERS`): a database expanded by `db expand` and
    /// then finished by `db sync` or `db upgrade` must not keep triggers that name the dropped `is_public`.
    /// On PostgreSQL their functions go too.
    public static let ocataContract01 = Revision(
        id: "ocata_contract01", downRevisions: ["mitaka02"], branchLabels: ["ocata01", "contract"],
        dependsOn: ["ocata_expand01"], message: "remove is_public from images",
        upgrade: .perDialect(
            sqlite: dropVisibilityTriggers + dropIsPublic,
            postgresql: dropVisibilityTriggers
                + visibilityTriggerNames.map { .sql("DROP FUNCTION IF EXISTS \($0)()") }
                + dropIsPublic,
            mysql: dropVisibilityTriggers + dropIsPublic),
        requiresData: [ocataMigrate01])

    private static let dropVisibilityTriggers: [Operation] =
        visibilityTriggerNames.map { .dropTrigger(name: $0, table: "images") }

    private static let dropIsPublic: [Operation] = [
        .alterTable("images", [
            .dropIndex("ix_images_is_public"),
            .dropColumn("is_public"),
            .alterColumn("visibility", nullable: false, defaultValue: .set("'shared'"), type: .enumeration(imageVisibility)),
        ]),
    ]
}
