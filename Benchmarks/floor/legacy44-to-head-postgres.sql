-- The floor for "legacy-44 -> head" on PostgreSQL: the schema and data changes of ocata_expand01,
-- ocata_migrate01, ocata_contract01, pike_contract01, rocky_expand01/02, wallaby_expand01 and
-- 2024_1_expand01, plus the version bookkeeping, written by hand as cheaply as PostgreSQL allows:
-- one transaction, visibility filled by one UPDATE (each row rewritten once), columns added without
-- table rewrites (PostgreSQL 11+ stores constant defaults in the catalogue).
-- Run as `psql -X -q -v ON_ERROR_STOP=1 -f legacy44-to-head-postgres.sql`.
BEGIN;

-- ocata_expand01 (the index comes after the data, built once).
CREATE TYPE image_visibility AS ENUM ('private', 'public', 'shared', 'community');
ALTER TABLE images ADD COLUMN visibility image_visibility;

-- ocata_migrate01: legacy 045's meaning, in one pass.
UPDATE images SET visibility = CASE
        WHEN is_public THEN 'public'
        -- EXISTS on the image_id index: an IN (subquery) is only hashed while the member ids fit in
        -- work_mem; at 1M images it degrades to a rescan per row (quadratic).
        WHEN EXISTS (SELECT 1 FROM image_members m WHERE m.image_id = images.id AND NOT m.deleted) THEN 'shared'
        ELSE 'private' END::image_visibility
    WHERE visibility IS NULL;

-- ocata_contract01.
DROP INDEX ix_images_is_public;
ALTER TABLE images DROP COLUMN is_public,
    ALTER COLUMN visibility SET DEFAULT 'shared',
    ALTER COLUMN visibility SET NOT NULL;
CREATE INDEX visibility_image_idx ON images (visibility);

-- pike_contract01: children first.
DROP TABLE artifact_blob_locations, artifact_properties, artifact_blobs, artifact_dependencies,
    artifact_tags, artifacts;

-- rocky_expand01/02.
ALTER TABLE images ADD COLUMN os_hidden boolean DEFAULT false NOT NULL,
    ADD COLUMN os_hash_algo varchar(64), ADD COLUMN os_hash_value varchar(128);
CREATE INDEX os_hidden_image_idx ON images (os_hidden);
CREATE INDEX os_hash_value_image_idx ON images (os_hash_value);

-- train_migrate01: location metadata "backend" -> "store" (a scan; nothing to change in generated data).
UPDATE image_locations SET meta_data = REPLACE(meta_data, '"backend":', '"store":')
    WHERE REPLACE(meta_data, '"backend":', '"store":') <> meta_data;

-- wallaby_expand01.
ALTER TABLE tasks ADD COLUMN image_id varchar(36), ADD COLUMN request_id varchar(64),
    ADD COLUMN user_id varchar(64);
CREATE INDEX ix_tasks_image_id ON tasks (image_id);

-- 2024_1_expand01.
CREATE TABLE node_reference (
    node_reference_id bigserial PRIMARY KEY,
    node_reference_url varchar(255) NOT NULL,
    CONSTRAINT uq_node_reference_node_reference_url UNIQUE (node_reference_url)
);
CREATE TABLE cached_images (
    id bigserial PRIMARY KEY,
    image_id varchar(36) NOT NULL,
    last_accessed timestamp without time zone NOT NULL,
    last_modified timestamp without time zone NOT NULL,
    size bigint NOT NULL,
    hits integer NOT NULL,
    checksum varchar(32),
    node_reference_id bigint NOT NULL REFERENCES node_reference (node_reference_id),
    CONSTRAINT ix_cached_images_image_id_node_reference_id UNIQUE (image_id, node_reference_id)
);

-- Version bookkeeping: Alembic heads in, sqlalchemy-migrate's table out.
CREATE TABLE alembic_version (
    version_num varchar(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('2024_1_contract01');
DROP TABLE migrate_version;

COMMIT;
