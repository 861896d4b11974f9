import DatabaseCore
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Timestamps as bound to SQL: `YYYY-MM-DD HH:MM:SS.ffffff` in UTC.
///
/// That is how SQLAlchemy writes a `DateTime` on SQLite (text that compares correctly as text, also against
/// Glance's own second-precision values), and PostgreSQL reads the same text into `timestamp`. Computed with
/// `gmtime_r` rather than `Calendar`, which would pull ICU into the process at start.
public enum SQLTimestamp {
    public static func text(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let micros = Int(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded(.down))
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return "\((parts.tm_year + 1900).zeroPadded(4))-\((parts.tm_mon + 1).zeroPadded(2))-\(parts.tm_mday.zeroPadded(2)) "
            + "\(parts.tm_hour.zeroPadded(2)):\(parts.tm_min.zeroPadded(2)):\(parts.tm_sec.zeroPadded(2)).\(micros.zeroPadded(6))"
    }
}

extension FileManager {
    /// Whether `path` names a directory (FoundationEssentials has no `ObjCBool` overload).
    public func isDirectory(atPath path: String) -> Bool {
        ((try? attributesOfItem(atPath: path))?[.type] as? FileAttributeType) == .typeDirectory
    }
}
