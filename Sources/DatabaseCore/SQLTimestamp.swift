import FoundationEssentials

/// Timestamps as glance-bridge writes them: naive UTC, `YYYY-MM-DD HH:MM:SS.ffffff`.
///
/// Glance writes `timeutils.utcnow()` into columns without a time zone, and SQLAlchemy stores a `DateTime`
/// on SQLite as exactly this text (six fraction digits even when they are zero, see the reference dumps);
/// PostgreSQL reads the same text into `timestamp without time zone` unchanged, whatever the session's
/// `TimeZone`, and MySQL applies its own fractional-second rule to it as it did to Glance's. So every
/// dialect gets the one text, bound as a parameter, and never the server's `CURRENT_TIMESTAMP`, which
/// follows the session time zone on PostgreSQL and has whole seconds on SQLite.
///
/// The calendar arithmetic is done here (days-from-civil, proleptic Gregorian) rather than with `gmtime_r`
/// or `Calendar`, so that this module needs no C library and no ICU.
public enum SQLTimestamp {
    public static func text(_ date: Date) -> String {
        // Whole microseconds first (exact in a Double until the year 2255), so that a fraction such as .999999
        // is not floored to .999998 by binary representation.
        let totalMicros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = totalMicros >= 0 ? totalMicros / 1_000_000 : (totalMicros - 999_999) / 1_000_000
        let micros = Int(totalMicros - seconds * 1_000_000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        return "\(Int(year).zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2)) "
            + "\((secondOfDay / 3600).zeroPadded(2)):\((secondOfDay / 60 % 60).zeroPadded(2)):"
            + "\((secondOfDay % 60).zeroPadded(2)).\(micros.zeroPadded(6))"
    }

    /// The current time, as `text(_:)`.
    public static func now() -> String { text(Date()) }

    /// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to year, month, day.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
