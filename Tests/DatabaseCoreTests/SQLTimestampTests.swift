import DatabaseCore
import Foundation
import Testing

/// `SQLTimestamp` against Python's `datetime.utcfromtimestamp(t).strftime('%Y-%m-%d %H:%M:%S.%f')`, the text
/// SQLAlchemy stores for Glance's naive UTC `DateTime`s on SQLite (values computed with Python 3.11).
@Suite struct SQLTimestampTests {
    @Test(arguments: [
        (0, "1970-01-01 00:00:00.000000"),
        (951_782_400.5, "2000-02-29 00:00:00.500000"),
        (1_709_208_000.25, "2024-02-29 12:00:00.250000"),
        (4_102_444_799.999999, "2099-12-31 23:59:59.999999"),
        (-1.5, "1969-12-31 23:59:58.500000"),
        (1_764_763_200.000001, "2025-12-03 12:00:00.000001"),
        (253_402_300_799.0, "9999-12-31 23:59:59.000000"),
    ] as [(Double, String)])
    func matchesPythonsNaiveUTCText(_ seconds: Double, _ expected: String) {
        #expect(SQLTimestamp.text(Date(timeIntervalSince1970: seconds)) == expected)
    }

}
