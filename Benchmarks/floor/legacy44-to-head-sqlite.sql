-- The floor for "legacy-44 -> head" on SQLite: the schema and data changes of ocata_expand01,
-- ocata_migrate01, ocata_contract01, pike_contract01, rocky_expand01/02, wallaby_expand01 and
-- 2024_1_expand01, plus the version bookkeeping, written by hand as cheaply as SQLite allows:
-- one transaction, one rebuild of `images` (dropping is_public and its CHECK, and making visibility
-- NOT NULL DEFAULT 'shared' both need it), visibility filled by legacy 045's three UPDATEs before it.
-- Run as `sqlite3 FILE < legacy44-to-head-sqlite.sql`; the result has the same schema as `db sync`.
.bail on
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

-- ocata_expand01: the visibility column (the index comes after the rebuild, built once).
ALTER TABLE images ADD COLUMN visibility VARCHAR(9);

-- ocata_migrate01: legacy 045's meaning. The membership test is an uncorrelated IN (Glance's module has
-- `id IN (SELECT DISTINCT image_id ...)`): without ANALYZE statistics SQLite runs a correlated
-- `EXISTS (... m.image_id = images.id AND m.deleted = 0)` through ix_image_members_deleted, i.e. it reads
-- every live member for every image, which is quadratic.
UPDATE images SET visibility = 'public' WHERE visibility IS NULL AND is_public = 1;
UPDATE images SET visibility = 'shared' WHERE visibility IS NULL
    AND id IN (SELECT image_id FROM image_members WHERE deleted = 0);
UPDATE images SET visibility = 'private' WHERE visibility IS NULL;

-- ocata_contract01 + rocky_expand01/02: one rebuild following SQLite's ALTER TABLE procedure.
CREATE TABLE images_new (
	id VARCHAR(36) NOT NULL, 
	name VARCHAR(255), 
	size INTEGER, 
	status VARCHAR(30) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME, 
	deleted_at DATETIME, 
	deleted BOOLEAN NOT NULL, 
	disk_format VARCHAR(20), 
	container_format VARCHAR(20), 
	checksum VARCHAR(32), 
	owner VARCHAR(255), 
	min_disk INTEGER NOT NULL, 
	min_ram INTEGER NOT NULL, 
	protected BOOLEAN DEFAULT 0 NOT NULL, 
	virtual_size INTEGER, 
	visibility VARCHAR(9) DEFAULT 'shared' NOT NULL, 
	os_hidden BOOLEAN DEFAULT 0 NOT NULL, 
	os_hash_algo VARCHAR(64), 
	os_hash_value VARCHAR(128), 
	PRIMARY KEY (id)
);
INSERT INTO images_new (id, name, size, status, created_at, updated_at, deleted_at, deleted, disk_format,
                        container_format, checksum, owner, min_disk, min_ram, protected, virtual_size, visibility)
    SELECT id, name, size, status, created_at, updated_at, deleted_at, deleted, disk_format,
           container_format, checksum, owner, min_disk, min_ram, protected, virtual_size, visibility
    FROM images;
DROP TABLE images;
ALTER TABLE images_new RENAME TO images;
CREATE INDEX checksum_image_idx ON images (checksum);
CREATE INDEX owner_image_idx ON images (owner);
CREATE INDEX os_hidden_image_idx ON images (os_hidden);
CREATE INDEX os_hash_value_image_idx ON images (os_hash_value);
CREATE INDEX visibility_image_idx ON images (visibility);
CREATE INDEX ix_images_deleted ON images (deleted);
CREATE INDEX updated_at_image_idx ON images (updated_at);
CREATE INDEX created_at_image_idx ON images (created_at);

-- pike_contract01: children first.
DROP TABLE artifact_blob_locations;
DROP TABLE artifact_properties;
DROP TABLE artifact_blobs;
DROP TABLE artifact_dependencies;
DROP TABLE artifact_tags;
DROP TABLE artifacts;

-- train_migrate01: location metadata "backend" -> "store" (a scan; nothing to change in generated data).
UPDATE image_locations SET meta_data = REPLACE(meta_data, '"backend":', '"store":')
    WHERE REPLACE(meta_data, '"backend":', '"store":') <> meta_data;

-- wallaby_expand01.
ALTER TABLE tasks ADD COLUMN image_id VARCHAR(36);
ALTER TABLE tasks ADD COLUMN request_id VARCHAR(64);
ALTER TABLE tasks ADD COLUMN user_id VARCHAR(64);
CREATE INDEX ix_tasks_image_id ON tasks (image_id);

-- 2024_1_expand01.
CREATE TABLE node_reference (
	node_reference_id INTEGER NOT NULL, 
	node_reference_url VARCHAR(255) NOT NULL, 
	PRIMARY KEY (node_reference_id), 
	CONSTRAINT uq_node_reference_node_reference_url UNIQUE (node_reference_url)
);
CREATE TABLE cached_images (
	id INTEGER NOT NULL, 
	image_id VARCHAR(36) NOT NULL, 
	last_accessed DATETIME NOT NULL, 
	last_modified DATETIME NOT NULL, 
	size BIGINT NOT NULL, 
	hits INTEGER NOT NULL, 
	checksum VARCHAR(32), 
	node_reference_id INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(node_reference_id) REFERENCES node_reference (node_reference_id), 
	CONSTRAINT ix_cached_images_image_id_node_reference_id UNIQUE (image_id, node_reference_id)
);

-- Version bookkeeping: Alembic heads in, sqlalchemy-migrate's table out.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('2024_1_contract01');
DROP TABLE migrate_version;

COMMIT;
PRAGMA foreign_key_check;
