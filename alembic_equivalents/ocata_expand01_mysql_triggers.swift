import MigrationEngine

extension GlanceRevisions {
    // Glance's own MySQL compatibility triggers (`MYSQL_INSERT_TRIGGER` / `MYSQL_UPDATE_TRIGGER` of
    // `ocata_expand01_add_visibility.py`, the error message filled in), byte for byte as MariaDB stores them
    // after Glance's `db expand` (`modern-mariadb-after-expand.sql`), so that `SHOW CREATE TRIGGER` on a
    // database expanded by glance-bridge reads the same as on one expanded by Glance. BEFORE triggers set
    // NEW's fields; `SIGNAL SQLSTATE '45000'` aborts the statement with Glance's message. Sent without
    // Glance's trailing `;`: the server takes one statement per trigger, BEGIN … END included.

    static let mysqlInsertVisibility = Trigger("insert_visibility", on: "images", statements: ["""
        CREATE TRIGGER insert_visibility BEFORE INSERT ON images
        FOR EACH ROW
        BEGIN
            -- NOTE(abashmak):
            -- The following IF/ELSE block implements a priority decision tree.
            -- Strict order MUST be followed to correctly cover all the edge cases.

            -- Edge case: neither is_public nor visibility specified
            --            (or both specified as NULL):
            IF NEW.is_public <=> NULL AND NEW.visibility <=> NULL THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid visibility value';
            -- Edge case: both is_public and visibility specified:
            ELSEIF NOT(NEW.is_public <=> NULL OR NEW.visibility <=> NULL) THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid visibility value';
            -- Inserting with is_public, set visibility accordingly:
            ELSEIF NOT NEW.is_public <=> NULL THEN
                IF NEW.is_public = 1 THEN
                    SET NEW.visibility = 'public';
                ELSE
                    SET NEW.visibility = 'shared';
                END IF;
            -- Inserting with visibility, set is_public accordingly:
            ELSEIF NOT NEW.visibility <=> NULL THEN
                IF NEW.visibility = 'public' THEN
                    SET NEW.is_public = 1;
                ELSE
                    SET NEW.is_public = 0;
                END IF;
            -- Edge case: either one of: is_public or visibility,
            --            is explicitly set to NULL:
            ELSE
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid visibility value';
            END IF;
        END
        """])

    static let mysqlUpdateVisibility = Trigger("update_visibility", on: "images", statements: ["""
        CREATE TRIGGER update_visibility BEFORE UPDATE ON images
        FOR EACH ROW
        BEGIN
            -- Case: new value specified for is_public:
            IF NOT NEW.is_public <=> OLD.is_public THEN
                -- Edge case: is_public explicitly set to NULL:
                IF NEW.is_public <=> NULL THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid visibility value';
                -- Edge case: new value also specified for visibility
                ELSEIF NOT NEW.visibility <=> OLD.visibility THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid visibility value';
                -- Case: visibility not specified or specified as OLD value:
                -- NOTE(abashmak): There is no way to reliably determine which
                -- of the above two cases occurred, but allowing to proceed with
                -- the update in either case does not break the model for both
                -- N and N-1 services.
                ELSE
                    -- Set visibility according to the value of is_public:
                    IF NEW.is_public <=> 1 THEN
                        SET NEW.visibility = 'public';
                    ELSE
                        SET NEW.visibility = 'shared';
                    END IF;
                END IF;
            -- Case: new value specified for visibility:
            ELSEIF NOT NEW.visibility <=> OLD.visibility THEN
                -- Edge case: visibility explicitly set to NULL:
                IF NEW.visibility <=> NULL THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid visibility value';
                -- Edge case: new value also specified for is_public
                ELSEIF NOT NEW.is_public <=> OLD.is_public THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid visibility value';
                -- Case: is_public not specified or specified as OLD value:
                -- NOTE(abashmak): There is no way to reliably determine which
                -- of the above two cases occurred, but allowing to proceed with
                -- the update in either case does not break the model for both
                -- N and N-1 services.
                ELSE
                    -- Set is_public according to the value of visibility:
                    IF NEW.visibility <=> 'public' THEN
                        SET NEW.is_public = 1;
                    ELSE
                        SET NEW.is_public = 0;
                    END IF;
                END IF;
            END IF;
        END
        """])
}
