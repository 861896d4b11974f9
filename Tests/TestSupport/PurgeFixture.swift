import DatabaseCore
import Foundation

/// Soft-deleted Glance rows for the purge tests, with `deleted_at` relative to a given clock. Timestamps are
/// written as Glance stores them on SQLite (`YYYY-MM-DD HH:MM:SS`), which PostgreSQL reads as `timestamp`.
public struct PurgeFixture {
    public let database: any Database
    public let now: Date

    public init(database: any Database, now: Date = Date()) {
        self.database = database
        self.now = now
    }

    public func stamp(daysAgo days: Double) -> SQLValue {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return .text(formatter.string(from: now.addingTimeInterval(-days * 86_400)))
    }

    /// An image created 20 days ago; soft-deleted `deletedDaysAgo` days ago when given.
    public func image(_ id: String, deletedDaysAgo: Double?) throws {
        try database.execute("""
            INSERT INTO images (id, status, created_at, deleted, deleted_at, min_disk, min_ram, protected, os_hidden, visibility)
            VALUES (?, 'active', ?, ?, ?, 0, 0, FALSE, FALSE, 'shared')
            """, [.text(id), stamp(daysAgo: 20), deleted(deletedDaysAgo), deletedDaysAgo.map { stamp(daysAgo: $0) } ?? .null])
    }

    /// A row of `image_properties`, `image_tags`, `image_locations` or `image_members` for `image`.
    public func child(_ table: String, image: String, deletedDaysAgo: Double?, number: Int = 0) throws {
        let (columns, values): (String, [SQLValue]) = switch table {
        case "image_properties": ("name, value", [.text("p\(number)"), "v"])
        case "image_tags": ("value", [.text("t\(number)")])
        case "image_locations": ("value, status", [.text("file:///\(image)/\(number)"), "active"])
        case "image_members": ("member, can_share, status", [.text("m\(number)"), 0, "pending"])
        default: preconditionFailure("not an image child table: \(table)")
        }
        let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
        try database.execute("""
            INSERT INTO \(table) (image_id, \(columns), created_at, deleted, deleted_at) VALUES (?, \(marks), ?, ?, ?)
            """, [.text(image)] + values + [stamp(daysAgo: 20), deleted(deletedDaysAgo),
                                              deletedDaysAgo.map { stamp(daysAgo: $0) } ?? .null])
    }

    /// A task with its `task_info` row.
    public func task(_ id: String, deletedDaysAgo: Double?) throws {
        try database.execute("""
            INSERT INTO tasks (id, type, status, owner, created_at, deleted, deleted_at) VALUES (?, 'import', 'success', 'admin', ?, ?, ?)
            """, [.text(id), stamp(daysAgo: 20), deleted(deletedDaysAgo), deletedDaysAgo.map { stamp(daysAgo: $0) } ?? .null])
        try database.execute("INSERT INTO task_info (task_id, input, result, message) VALUES (?, '{}', '{}', '')", [.text(id)])
    }

    public func count(_ table: String) throws -> Int {
        Int(try database.query("SELECT COUNT(*) AS n FROM \(table)").first?["n"].intValue ?? -1)
    }

    private func deleted(_ daysAgo: Double?) -> SQLValue { .integer(daysAgo == nil ? 0 : 1) }
}
