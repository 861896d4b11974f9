import DatabaseCore
import Foundation

/// Fills a legacy-44 database (Glance's own schema dump at version 44 plus its `migrate_version` row) with
/// N images and their rows, set-based: one INSERT … SELECT per table over a generated series, never a
/// round trip per row.
///
/// Per image: 10 properties, 1 location, 2 tags; every 4th image has 2 members (every 8th with the first
/// member deleted). Every 5th image is public and every 50th deleted, so the visibility migration writes
/// all three values (public, shared, private).
struct DataGenerator {
    let fixtures: URL

    func makeLegacy44(_ database: BenchDatabase, images count: Int) throws {
        let connection = try database.connect()
        try connection.executeScript(String(contentsOf: fixtures.appendingPathComponent("legacy44-\(database.backend.fixtureTag).sql"), encoding: .utf8))
        if database.backend == .postgresql {
            // pg_dump empties search_path for the rest of the session.
            _ = try connection.query("SELECT pg_catalog.set_config('search_path', 'public', false)")
        }
        try connection.execute("INSERT INTO migrate_version (repository_id, repository_path, version) VALUES ('Glance Migrations', '/usr/lib/python3/dist-packages/glance/db/sqlalchemy/migrate_repo', 44)")
        guard count > 0 else { return }
        switch database.backend {
        case .sqlite:
            // Speeds up loading only; neither setting outlives this connection.
            try connection.executeScript("PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY")
            try connection.inTransaction { try connection.executeScript(Self.sqlite(count)) }
        case .postgresql:
            try connection.inTransaction { try connection.executeScript(Self.postgres(count)) }
            // A production table has been vacuumed: hint bits set, visibility map and statistics current.
            try connection.executeScript("VACUUM (ANALYZE)")
        case .mysql:
            // Speeds up loading only (the generated keys are unique and the references hold); session settings.
            try connection.executeScript("SET SESSION foreign_key_checks = 0, unique_checks = 0")
            for statement in Self.mysql(count) {
                try connection.inTransaction { try connection.executeScript(statement) }
            }
            try connection.executeScript("SET SESSION foreign_key_checks = 1, unique_checks = 1")
            // Statistics as a production server has them.
            try connection.executeScript(
                "ANALYZE TABLE images, image_properties, image_locations, image_tags, image_members")
        }
    }

    /// `seq(i)` is 1…N on SQLite through a recursive CTE.
    static func sqlite(_ n: Int) -> String {
        let seq = "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < \(n))"
        let id = "printf('%08x-0000-4000-8000-%012x', i, i)"
        let at = "datetime('2016-01-01', '+' || (i % 500000) || ' minutes')"
        return """
        \(seq)
        INSERT INTO images (id, name, size, status, is_public, created_at, updated_at, deleted_at, deleted,
                            disk_format, container_format, checksum, owner, min_disk, min_ram, protected, virtual_size)
        SELECT \(id), 'image-' || i, 1073741824 + i, CASE WHEN i % 50 = 0 THEN 'deleted' ELSE 'active' END,
               i % 5 = 0, \(at), \(at), CASE WHEN i % 50 = 0 THEN \(at) END, i % 50 = 0,
               'qcow2', 'bare', printf('%032x', i * 2654435761), 'tenant-' || (i % 1000), i % 20, 512 * (i % 8), 0, NULL
        FROM seq;
        \(seq), k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 10)
        INSERT INTO image_properties (id, image_id, name, value, created_at, updated_at, deleted_at, deleted)
        SELECT (i - 1) * 10 + j, \(id), 'property_' || j, 'value of property ' || j || ' for image ' || i,
               \(at), NULL, NULL, 0
        FROM seq, k;
        \(seq)
        INSERT INTO image_locations (id, image_id, value, created_at, updated_at, deleted_at, deleted, meta_data, status)
        SELECT i, \(id), 'file:///var/lib/glance/images/' || \(id), \(at), NULL, NULL, 0, '{}', 'active'
        FROM seq;
        \(seq), k(j) AS (SELECT 1 UNION ALL SELECT 2)
        INSERT INTO image_tags (id, image_id, value, created_at, updated_at, deleted_at, deleted)
        SELECT (i - 1) * 2 + j, \(id), 'tag-' || ((i + j) % 100), \(at), NULL, NULL, 0
        FROM seq, k;
        \(seq), k(j) AS (SELECT 1 UNION ALL SELECT 2)
        INSERT INTO image_members (id, image_id, member, can_share, created_at, updated_at, deleted_at, deleted, status)
        SELECT (i - 1) / 4 * 2 + j, \(id), 'tenant-' || ((i + j * 7) % 1000), 0, \(at), NULL,
               CASE WHEN j = 1 AND i % 8 = 1 THEN \(at) END, j = 1 AND i % 8 = 1, 'accepted'
        FROM seq, k WHERE i % 4 = 1;
        """
    }

    /// The same rows on MariaDB through its Sequence engine (`seq_1_to_N`), one statement (and one transaction)
    /// per table, so that no undo log holds all 14.5M rows at once.
    static func mysql(_ n: Int) -> [String] {
        let seq = "seq_1_to_\(n) AS s"
        let hex = "LOWER(HEX(s.seq))"
        let id = "CONCAT(LPAD(\(hex), 8, '0'), '-0000-4000-8000-', LPAD(\(hex), 12, '0'))"
        let at = "(TIMESTAMP '2016-01-01 00:00:00' + INTERVAL (s.seq % 500000) MINUTE)"
        return [
            """
            INSERT INTO images (id, name, size, status, is_public, created_at, updated_at, deleted_at, deleted,
                                disk_format, container_format, checksum, owner, min_disk, min_ram, protected, virtual_size)
            SELECT \(id), CONCAT('image-', s.seq), 1073741824 + s.seq,
                   CASE WHEN s.seq % 50 = 0 THEN 'deleted' ELSE 'active' END,
                   s.seq % 5 = 0, \(at), \(at), CASE WHEN s.seq % 50 = 0 THEN \(at) END, s.seq % 50 = 0,
                   'qcow2', 'bare', LPAD(LOWER(HEX(s.seq * 2654435761)), 32, '0'), CONCAT('tenant-', s.seq % 1000),
                   s.seq % 20, 512 * (s.seq % 8), 0, NULL
            FROM \(seq)
            """,
            """
            INSERT INTO image_properties (id, image_id, name, value, created_at, updated_at, deleted_at, deleted)
            SELECT (s.seq - 1) * 10 + k.seq, \(id), CONCAT('property_', k.seq),
                   CONCAT('value of property ', k.seq, ' for image ', s.seq), \(at), NULL, NULL, 0
            FROM \(seq) JOIN seq_1_to_10 AS k
            """,
            """
            INSERT INTO image_locations (id, image_id, value, created_at, updated_at, deleted_at, deleted, meta_data, status)
            SELECT s.seq, \(id), CONCAT('file:///var/lib/glance/images/', \(id)), \(at), NULL, NULL, 0, '{}', 'active'
            FROM \(seq)
            """,
            """
            INSERT INTO image_tags (id, image_id, value, created_at, updated_at, deleted_at, deleted)
            SELECT (s.seq - 1) * 2 + k.seq, \(id), CONCAT('tag-', (s.seq + k.seq) % 100), \(at), NULL, NULL, 0
            FROM \(seq) JOIN seq_1_to_2 AS k
            """,
            """
            INSERT INTO image_members (id, image_id, member, can_share, created_at, updated_at, deleted_at, deleted, status)
            SELECT (s.seq - 1) DIV 4 * 2 + k.seq, \(id), CONCAT('tenant-', (s.seq + k.seq * 7) % 1000), 0, \(at), NULL,
                   CASE WHEN k.seq = 1 AND s.seq % 8 = 1 THEN \(at) END, k.seq = 1 AND s.seq % 8 = 1, 'accepted'
            FROM \(seq) JOIN seq_1_to_2 AS k WHERE s.seq % 4 = 1
            """,
        ]
    }

    /// The same rows on PostgreSQL through `generate_series`, then the serial sequences moved past them.
    static func postgres(_ n: Int) -> String {
        let seq = "generate_series(1, \(n)) AS i"
        let id = "lpad(to_hex(i), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(i), 12, '0')"
        let at = "(timestamp '2016-01-01' + (i % 500000) * interval '1 minute')"
        return """
        INSERT INTO images (id, name, size, status, is_public, created_at, updated_at, deleted_at, deleted,
                            disk_format, container_format, checksum, owner, min_disk, min_ram, protected, virtual_size)
        SELECT \(id), 'image-' || i, 1073741824 + i, CASE WHEN i % 50 = 0 THEN 'deleted' ELSE 'active' END,
               i % 5 = 0, \(at), \(at), CASE WHEN i % 50 = 0 THEN \(at) END, i % 50 = 0,
               'qcow2', 'bare', lpad(to_hex(i::bigint * 2654435761), 32, '0'), 'tenant-' || (i % 1000), i % 20, 512 * (i % 8), false, NULL
        FROM \(seq);
        INSERT INTO image_properties (id, image_id, name, value, created_at, updated_at, deleted_at, deleted)
        SELECT (i - 1) * 10 + j, \(id), 'property_' || j, 'value of property ' || j || ' for image ' || i,
               \(at), NULL, NULL, false
        FROM \(seq), generate_series(1, 10) AS j;
        INSERT INTO image_locations (id, image_id, value, created_at, updated_at, deleted_at, deleted, meta_data, status)
        SELECT i, \(id), 'file:///var/lib/glance/images/' || \(id), \(at), NULL, NULL, false, '{}', 'active'
        FROM \(seq);
        INSERT INTO image_tags (id, image_id, value, created_at, updated_at, deleted_at, deleted)
        SELECT (i - 1) * 2 + j, \(id), 'tag-' || ((i + j) % 100), \(at), NULL, NULL, false
        FROM \(seq), generate_series(1, 2) AS j;
        INSERT INTO image_members (id, image_id, member, can_share, created_at, updated_at, deleted_at, deleted, status)
        SELECT (i - 1) / 4 * 2 + j, \(id), 'tenant-' || ((i + j * 7) % 1000), false, \(at), NULL,
               CASE WHEN j = 1 AND i % 8 = 1 THEN \(at) END, j = 1 AND i % 8 = 1, 'accepted'
        FROM \(seq), generate_series(1, 2) AS j WHERE i % 4 = 1;
        SELECT setval('image_properties_id_seq', \(n * 10 + 1), false);
        SELECT setval('image_locations_id_seq', \(n + 1), false);
        SELECT setval('image_tags_id_seq', \(n * 2 + 1), false);
        SELECT setval('image_members_id_seq', \(n + 1), false);
        """
    }
}
