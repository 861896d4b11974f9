-- The floor for "legacy-44 -> head" on MariaDB: the schema and data changes of ocata_expand01,
-- ocata_migrate01, ocata_contract01, pike_contract01, rocky_expand01/02, train_migrate01, wallaby_expand01
-- and 2024_1_expand01, plus the version bookkeeping, written by hand as cheaply as MariaDB allows. MySQL
-- commits at every DDL statement, so there is no enclosing transaction; what costs is rewriting `images`,
-- so it is rebuilt once: `visibility` is added (instantly, at the end of the row), filled by one UPDATE,
-- and every other change to `images` goes into a single ALTER TABLE.
-- Run as `mariadb --no-defaults --batch --socket S -u root DB < legacy44-to-head-mariadb.sql`.
-- Checked by GlanceBench against Glance's own dump of a legacy-44 database after its upgrade
-- (legacy44-mariadb-after-stamp-then-modern.sql), migrate_version aside.
SET SESSION sql_mode = 'TRADITIONAL';

-- ocata_expand01's column (its index comes with the rebuild below).
ALTER TABLE images ADD COLUMN visibility ENUM('private','public','shared','community');

-- ocata_migrate01: legacy 045's meaning, in one pass, EXISTS on the image_id index.
UPDATE images SET visibility = CASE
        WHEN is_public THEN 'public'
        WHEN EXISTS (SELECT 1 FROM image_members m WHERE m.image_id = images.id AND NOT m.deleted) THEN 'shared'
        ELSE 'private' END
    WHERE visibility IS NULL;

-- ocata_contract01 and rocky_expand01/02: one rebuild of images.
ALTER TABLE images DROP INDEX ix_images_is_public, DROP COLUMN is_public,
    MODIFY visibility ENUM('private','public','shared','community') NOT NULL DEFAULT 'shared',
    ADD COLUMN os_hidden BOOL NOT NULL DEFAULT false,
    ADD COLUMN os_hash_algo VARCHAR(64), ADD COLUMN os_hash_value VARCHAR(128),
    ADD INDEX visibility_image_idx (visibility), ADD INDEX os_hidden_image_idx (os_hidden),
    ADD INDEX os_hash_value_image_idx (os_hash_value);

-- pike_contract01: children first.
DROP TABLE artifact_blob_locations, artifact_properties, artifact_blobs, artifact_dependencies,
    artifact_tags, artifacts;

-- train_migrate01: location metadata "backend" -> "store" (a scan; nothing to change in generated data).
UPDATE image_locations SET meta_data = REPLACE(meta_data, '"backend":', '"store":')
    WHERE REPLACE(meta_data, '"backend":', '"store":') <> meta_data;

-- wallaby_expand01.
ALTER TABLE tasks ADD COLUMN image_id VARCHAR(36), ADD COLUMN request_id VARCHAR(64),
    ADD COLUMN user_id VARCHAR(64), ADD INDEX ix_tasks_image_id (image_id);

-- 2024_1_expand01.
CREATE TABLE node_reference (
    node_reference_id BIGINT NOT NULL AUTO_INCREMENT,
    node_reference_url VARCHAR(255) NOT NULL,
    PRIMARY KEY (node_reference_id),
    CONSTRAINT uq_node_reference_node_reference_url UNIQUE (node_reference_url)
) ENGINE=InnoDB CHARSET=utf8;
CREATE TABLE cached_images (
    id BIGINT NOT NULL AUTO_INCREMENT,
    image_id VARCHAR(36) NOT NULL,
    last_accessed DATETIME NOT NULL,
    last_modified DATETIME NOT NULL,
    size BIGINT NOT NULL,
    hits INTEGER NOT NULL,
    checksum VARCHAR(32),
    node_reference_id BIGINT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (node_reference_id) REFERENCES node_reference (node_reference_id),
    CONSTRAINT ix_cached_images_image_id_node_reference_id UNIQUE (image_id, node_reference_id)
) ENGINE=InnoDB CHARSET=utf8;

-- Version bookkeeping: Alembic heads in (Alembic's own table, the database's defaults), the legacy table out.
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('2024_1_contract01');
DROP TABLE migrate_version;
