/// The parts of an SQLAlchemy URL, split exactly as SQLAlchemy 2.0's `_parse_url` splits them (its pattern,
/// with the regex engine's backtracking, written out):
///
///     name://[user[:password]@][host | [ipv6]][:port][/database][?query]
///
/// `user` holds no `:` or `/`; `password` runs to the first `@` after it, so it may hold a raw `/`, `?`, `:`
/// or `#`; `host` runs to the first `/`, `:` or `?`; `database` to the first `?`. Like `re.match`, anything
/// the pattern does not reach is ignored. Values are as written: SQLAlchemy percent-decodes only the user
/// and the password (and the query, through `parse_qsl`), never the host or the database.
struct SQLAlchemyURL: Equatable {
    var user: String?
    var password: String?
    var host: String?
    var port: String?
    var database: String?
    var query: String?

    /// `rest` is the text after `name://`.
    ///
    /// Split on UTF-8 bytes: every separator is ASCII, which never occurs inside a multi-byte sequence, so
    /// the cuts fall where Python's code-point matching puts them (closer than `Character`s, which would
    /// glue a combining mark to a separator). Building the parts from `Character` slices went through the
    /// standard library's unspecialised generic path, a twentieth of `db version`'s start-up.
    init(rest: String) {
        let bytes = Array(rest.utf8)
        let colon = UInt8(ascii: ":"), slash = UInt8(ascii: "/"), at = UInt8(ascii: "@"), question = UInt8(ascii: "?")
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        /// The end of the run from `start` of bytes that are none of `stops`.
        func runEnd(from start: Int, stoppingAt stops: UInt8...) -> Int {
            var end = start
            while end < bytes.count, !stops.contains(bytes[end]) { end += 1 }
            return end
        }
        var i = 0
        // user[:password]@ — the user run stops at ':' or '/'; it may contain '@', and backtracking makes
        // its last '@' the separator when no ':' password follows.
        let userRun = runEnd(from: 0, stoppingAt: colon, slash)
        if userRun < bytes.count, bytes[userRun] == colon,
           let atSign = bytes[(userRun + 1)...].firstIndex(of: at) {
            user = text(0..<userRun)
            password = text((userRun + 1)..<atSign)
            i = atSign + 1
        } else if let atSign = bytes[..<userRun].lastIndex(of: at) {
            user = text(0..<atSign)
            i = atSign + 1
        }
        // host: [ipv6] (runs to the last ']' before a '/' or '?'), else a run of anything but '/', ':', '?'.
        var ipv6 = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "[") {
            let runStop = runEnd(from: i + 1, stoppingAt: slash, question)
            if let close = bytes[(i + 1)..<runStop].lastIndex(of: UInt8(ascii: "]")), close > i + 1 {
                host = text((i + 1)..<close)
                i = close + 1
                ipv6 = true
            }
        }
        if !ipv6 {
            let end = runEnd(from: i, stoppingAt: slash, colon, question)
            if end > i { host = text(i..<end); i = end }
        }
        if i < bytes.count, bytes[i] == colon {
            let end = runEnd(from: i + 1, stoppingAt: slash, question)
            port = text((i + 1)..<end)
            i = end
        }
        if i < bytes.count, bytes[i] == slash {
            let end = runEnd(from: i + 1, stoppingAt: question)
            database = text((i + 1)..<end)
            i = end
        }
        if i < bytes.count, bytes[i] == question {
            query = text((i + 1)..<bytes.count)
        }
    }

    /// The query as (key, value) pairs, percent-decoded, skipping pairs without `=` or with an empty value
    /// (Python's `parse_qsl` with `keep_blank_values=False`, as SQLAlchemy calls it).
    var queryPairs: [(String, String)] {
        guard let query else { return [] }
        return query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[1].isEmpty else { return nil }
            return (percentDecoded(String(parts[0]).replacing("+", with: " ")),
                    percentDecoded(String(parts[1]).replacing("+", with: " ")))
        }
    }
}
