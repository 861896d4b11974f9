import MigrationEngine

extension GlanceRevisions {
    /// The `image_visibility` enum: a named type on PostgreSQL, `VARCHAR(9)` on SQLite, an inline `ENUM(…)`
    /// column type on MySQL.
    public static let imageVisibility = EnumType("image_visibility", values: ["private", "public", "shared", "community"])

    /// `ocata_expand01_add_visibility.py`: adds the nullable `visibility` column next to `is_public` and
    /// makes `is_public` nullable so that new-release writers can leave it out. On SQLite the nullability
    /// change rebuilds `images` (Glance uses Alembic batch mode for the same).
    ///
    /// In an online upgrade (`db expand`) it also installs Glance's compatibility triggers
    /// `insert_visibility` and `update_visibility`, which Glance only has on MySQL (where ours are Glance's
    /// text, `ocata_expand01_mysql_triggers.swift`), so that old-release
    /// writers (setting only `is_public`) and new-release writers (setting only `visibility`) both leave
    /// consistent rows while the two releases run side by side. They are created last: on SQLite the
    /// rebuild drops a table's triggers.
    ///
    /// On MySQL `update_visibility` comes first (Glance creates `insert_visibility` first). There each
    /// CREATE TRIGGER commits on its own, so writers run between the two. With the insert trigger alone, an
    /// old-release row inserted with `is_public` false gets `shared`, and then setting `is_public` true
    /// leaves it `shared` for good, because the row is no longer NULL and `ocata_migrate01` skips it. Seen
    /// on Galera: three such rows in one run of `rollingUpgradeThroughThreeNodes`. With the update trigger
    /// alone, an insert leaves `visibility` NULL for the data migration, and an update sets it from
    /// `is_public`: every row is consistent at every point. On SQLite and PostgreSQL the revision's DDL is
    /// one transaction, so no writer sees one trigger without the other.
    public static let ocataExpand01 = Revision(
        id: "ocata_expand01", downRevisions: ["mitaka02"], branchLabels: ["expand"],
        message: "add visibility to images",
        upgrade: .perDialect(
            sqlite: addVisibility(isPublicDefault: .keep),
            postgresql: addVisibility(isPublicDefault: .keep),
            // Glance's `server_default=None`: MySQL's MODIFY restates the whole column, and saying "no default"
            // (is_public has none) keeps the statement free of the live table's shape, so `--sql` renders it.
            mysql: addVisibility(isPublicDefault: .drop)),
        onlineUpgrade: .perDialect(
            sqlite: [.createTrigger(sqliteInsertVisibility), .createTrigger(sqliteUpdateVisibility)],
            postgresql: [.createTrigger(postgresInsertVisibility), .createTrigger(postgresUpdateVisibility)],
            mysql: [.createTrigger(mysqlUpdateVisibility), .createTrigger(mysqlInsertVisibility)]))

    private static func addVisibility(isPublicDefault: DefaultChange) -> [Operation] {
        [
            .createEnum(imageVisibility),
            .addColumn(table: "images", Column("visibility", .enumeration(imageVisibility))),
            .createIndex(Index("visibility_image_idx", on: "images", ["visibility"])),
            .alterTable("images", [
                .alterColumn("is_public", nullable: true, defaultValue: isPublicDefault, type: .boolean),
            ]),
        ]
    }

    /// The names of the compatibility triggers (and, on PostgreSQL, of their functions).
    public static let visibilityTriggerNames = ["insert_visibility", "update_visibility"]

    // Semantics of Glance's MySQL triggers (ocata_expand01_add_visibility.py), error text included:
    // insert: exactly one of is_public / visibility must be given; is_public gives visibility 'public' or
    // 'shared', visibility gives is_public = (visibility = 'public').
    // update: a changed is_public (NULL-safe) must not be NULL nor come with a changed visibility, and sets
    // visibility 'public'/'shared'; else a changed visibility must not be NULL and sets is_public.

    /// SQLite cannot assign to NEW, so the triggers run AFTER the write and fix the row with an UPDATE;
    /// `RAISE(ABORT, …)` undoes the whole statement. The fix-up UPDATE of an insert fires `update_visibility`:
    /// setting `visibility` from `is_public` is consistent with it anyway, and filling a NULL `is_public` is
    /// excluded by its WHEN clause (a stored row has a NULL `is_public` only during that insert). Writes that
    /// change nothing are skipped, and SQLite's `recursive_triggers` stays off (its default), so a trigger
    /// never re-enters itself.
    static let sqliteInsertVisibility = Trigger("insert_visibility", on: "images", statements: ["""
        CREATE TRIGGER insert_visibility AFTER INSERT ON images FOR EACH ROW
        BEGIN
            SELECT RAISE(ABORT, 'Invalid visibility value')
                WHERE (NEW.is_public IS NULL) = (NEW.visibility IS NULL);
            UPDATE images SET visibility = CASE WHEN NEW.is_public = 1 THEN 'public' ELSE 'shared' END
                WHERE id = NEW.id AND NEW.visibility IS NULL;
            UPDATE images SET is_public = (NEW.visibility = 'public')
                WHERE id = NEW.id AND NEW.is_public IS NULL;
        END
        """])

    static let sqliteUpdateVisibility = Trigger("update_visibility", on: "images", statements: ["""
        CREATE TRIGGER update_visibility AFTER UPDATE OF is_public, visibility ON images FOR EACH ROW
        WHEN OLD.is_public IS NOT NULL
            AND (NEW.is_public IS NOT OLD.is_public OR NEW.visibility IS NOT OLD.visibility)
        BEGIN
            SELECT RAISE(ABORT, 'Invalid visibility value')
                WHERE CASE WHEN NEW.is_public IS NOT OLD.is_public
                           THEN NEW.is_public IS NULL OR NEW.visibility IS NOT OLD.visibility
                           ELSE NEW.visibility IS NULL END;
            UPDATE images SET visibility = CASE WHEN NEW.is_public = 1 THEN 'public' ELSE 'shared' END
                WHERE id = NEW.id AND NEW.is_public IS NOT OLD.is_public;
            UPDATE images SET is_public = (NEW.visibility = 'public')
                WHERE id = NEW.id AND NEW.is_public IS OLD.is_public AND is_public IS NOT (NEW.visibility = 'public');
        END
        """])

    /// PostgreSQL: plpgsql functions behind BEFORE triggers, which set NEW's fields as MySQL's do.
    static let postgresInsertVisibility = Trigger("insert_visibility", on: "images", statements: [
        """
        CREATE FUNCTION insert_visibility() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (NEW.is_public IS NULL) = (NEW.visibility IS NULL) THEN
                RAISE EXCEPTION 'Invalid visibility value';
            ELSIF NEW.is_public IS NOT NULL THEN
                IF NEW.is_public THEN NEW.visibility := 'public'; ELSE NEW.visibility := 'shared'; END IF;
            ELSE
                NEW.is_public := NEW.visibility = 'public';
            END IF;
            RETURN NEW;
        END
        $$
        """,
        "CREATE TRIGGER insert_visibility BEFORE INSERT ON images FOR EACH ROW EXECUTE FUNCTION insert_visibility()",
    ])

    static let postgresUpdateVisibility = Trigger("update_visibility", on: "images", statements: [
        """
        CREATE FUNCTION update_visibility() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.is_public IS DISTINCT FROM OLD.is_public THEN
                IF NEW.is_public IS NULL OR NEW.visibility IS DISTINCT FROM OLD.visibility THEN
                    RAISE EXCEPTION 'Invalid visibility value';
                END IF;
                IF NEW.is_public THEN NEW.visibility := 'public'; ELSE NEW.visibility := 'shared'; END IF;
            ELSIF NEW.visibility IS DISTINCT FROM OLD.visibility THEN
                IF NEW.visibility IS NULL THEN
                    RAISE EXCEPTION 'Invalid visibility value';
                END IF;
                NEW.is_public := NEW.visibility = 'public';
            END IF;
            RETURN NEW;
        END
        $$
        """,
        "CREATE TRIGGER update_visibility BEFORE UPDATE ON images FOR EACH ROW EXECUTE FUNCTION update_visibility()",
    ])
}
