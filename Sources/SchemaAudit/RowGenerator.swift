import DatabaseCore

/// A seeded generator of the rows that matter for comparing migrations: public and private images,
/// images shared with live members and with deleted members only, deleted images, NULLs, unicode and
/// long values, properties, locations and tags. The same seed gives the same rows on every run and
/// dialect. It writes rows of the Liberty-to-Mitaka schema (`images.is_public` present).
public struct RowGenerator: Sendable {
    public let seed: UInt64
    public let imageCount: Int

    public init(seed: UInt64, imageCount: Int = 40) {
        self.seed = seed
        self.imageCount = imageCount
    }

    /// Inserts the rows; returns the number of rows per table.
    @discardableResult
    public func insert(into database: any Database) throws -> [String: Int] {
        var random = SplitMix64(seed: seed)
        var counts: [String: Int] = [:]
        let names = ["cirros", "ubuntu-24.04", "Überbild ✓", "образ", "画像", String(repeating: "long-name-", count: 25), ""]
        var memberID = 0, propertyID = 0, locationID = 0, tagID = 0
        for index in 0..<imageCount {
            let id = uuid(&random, index)
            let kind = index % 6 // 0 public, 1 private, 2 shared (live member), 3 deleted-member only, 4 deleted image, 5 random
            let isPublic = kind == 0 || (kind == 5 && random.next() % 2 == 0)
            let deleted = kind == 4
            let name: SQLValue = random.next() % 5 == 0 ? .null : .text(names[Int(random.next() % UInt64(names.count))])
            let size: SQLValue = random.next() % 4 == 0 ? .null : .integer(Int64(random.next() % 10_000_000_000))
            try database.execute("""
                INSERT INTO images (id, name, size, status, is_public, created_at, updated_at, deleted_at, deleted, \
                disk_format, container_format, checksum, owner, min_disk, min_ram, protected, virtual_size) \
                VALUES (?, ?, ?, ?, \(isPublic ? "TRUE" : "FALSE"), ?, ?, ?, \(deleted ? "TRUE" : "FALSE"), ?, ?, ?, ?, ?, ?, \(random.next() % 7 == 0 ? "TRUE" : "FALSE"), ?)
                """, [.text(id), name, size, .text(deleted ? "deleted" : "active"), .text(timestamp(&random)),
                      random.next() % 3 == 0 ? .null : .text(timestamp(&random)), deleted ? .text(timestamp(&random)) : .null,
                      .text(["qcow2", "raw", "vhd"][Int(random.next() % 3)]), .text("bare"),
                      .text(String(random.next().zeroPadded(16, radix: 16) + random.next().zeroPadded(16, radix: 16))), .text("tenant-\(random.next() % 5)"),
                      .integer(Int64(random.next() % 20)), .integer(Int64(random.next() % 2048)), size])
            counts["images", default: 0] += 1
            if kind == 2 || kind == 3 || (kind == 5 && random.next() % 2 == 0) {
                memberID += 1
                let memberDeleted = kind == 3
                try database.execute("""
                    INSERT INTO image_members (id, image_id, member, can_share, created_at, deleted_at, deleted, status) \
                    VALUES (?, ?, ?, FALSE, ?, ?, \(memberDeleted ? "TRUE" : "FALSE"), ?)
                    """, [.integer(Int64(memberID)), .text(id), .text("member-\(random.next() % 9)"), .text(timestamp(&random)),
                          memberDeleted ? .text(timestamp(&random)) : .null, .text(["pending", "accepted", "rejected"][Int(random.next() % 3)])])
                counts["image_members", default: 0] += 1
            }
            for n in 0..<Int(random.next() % 4) {
                propertyID += 1
                try database.execute("INSERT INTO image_properties (id, image_id, name, value, created_at, deleted) VALUES (?, ?, ?, ?, ?, FALSE)",
                                     [.integer(Int64(propertyID)), .text(id), .text("prop_\(n)"),
                                      random.next() % 6 == 0 ? .null : .text("välue \(random.next() % 1000)"), .text(timestamp(&random))])
                counts["image_properties", default: 0] += 1
            }
            if random.next() % 3 != 0 {
                locationID += 1
                try database.execute("INSERT INTO image_locations (id, image_id, value, meta_data, created_at, deleted, status) VALUES (?, ?, ?, ?, ?, FALSE, 'active')",
                                     [.integer(Int64(locationID)), .text(id), .text("file:///var/lib/glance/images/\(id)"),
                                      .text(random.next() % 2 == 0 ? "{}" : "{\"store\": \"fast\"}"), .text(timestamp(&random))])
                counts["image_locations", default: 0] += 1
            }
            if random.next() % 2 == 0 {
                tagID += 1
                try database.execute("INSERT INTO image_tags (id, image_id, value, created_at, deleted) VALUES (?, ?, ?, ?, FALSE)",
                                     [.integer(Int64(tagID)), .text(id), .text("tag-\(random.next() % 3)"), .text(timestamp(&random))])
                counts["image_tags", default: 0] += 1
            }
        }
        try database.execute("INSERT INTO metadef_resource_types (id, name, protected, created_at) VALUES (9580, 'OS::Nova::Instance', FALSE, '2016-01-01 00:00:00')")
        counts["metadef_resource_types", default: 0] += 1
        return counts
    }

    private func uuid(_ random: inout SplitMix64, _ index: Int) -> String {
        let a = random.next().zeroPadded(16, radix: 16), b = random.next().zeroPadded(16, radix: 16)
        let hex = Array(a + b)
        return "\(String(hex[0..<8]))-\(String(hex[8..<12]))-4\(String(hex[13..<16]))-8\(String(hex[17..<20]))-\(String(hex[20..<32]))"
    }

    private func timestamp(_ random: inout SplitMix64) -> String {
        let day = Int(random.next() % 28) + 1, month = Int(random.next() % 12) + 1, hour = Int(random.next() % 24)
        return "2015-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day) \(hour < 10 ? "0" : "")\(hour):00:00"
    }
}


/// A tiny deterministic PRNG (SplitMix64), so a seed names one data set everywhere.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
