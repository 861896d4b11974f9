import Foundation

/// Timestamps as bound to SQL: `YYYY-MM-DD HH:MM:SS.ffffff` in UTC.
///
/// That is how SQLAlchemy writes a `DateTime` on SQLite (text that compares correctly as text, also against
/// Glance's own second-precision values), and PostgreSQL reads the same text into `timestamp`.
public enum SQLTimestamp {
    public static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let micros = Int(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded(.down))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                        from: Date(timeIntervalSince1970: seconds))
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%06d",
                      c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, micros)
    }
}
