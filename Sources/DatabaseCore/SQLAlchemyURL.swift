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
    init(rest: String) {
        let chars = Array(rest)
        var i = 0
        // user[:password]@ — the user run stops at ':' or '/'; it may contain '@', and backtracking makes
        // its last '@' the separator when no ':' password follows.
        let userRun = chars.prefix { $0 != ":" && $0 != "/" }.count
        if userRun < chars.count, chars[userRun] == ":",
           let at = chars[(userRun + 1)...].firstIndex(of: "@") {
            user = String(chars[..<userRun])
            password = String(chars[(userRun + 1)..<at])
            i = at + 1
        } else if let at = chars[..<userRun].lastIndex(of: "@") {
            user = String(chars[..<at])
            i = at + 1
        }
        // host: [ipv6] (runs to the last ']' before a '/' or '?'), else a run of anything but '/', ':', '?'.
        var ipv6 = false
        if i < chars.count, chars[i] == "[" {
            let run = chars[(i + 1)...].prefix { $0 != "/" && $0 != "?" }
            if let close = run.lastIndex(of: "]"), close > i + 1 {
                host = String(chars[(i + 1)..<close])
                i = close + 1
                ipv6 = true
            }
        }
        if !ipv6 {
            let run = chars[i...].prefix { $0 != "/" && $0 != ":" && $0 != "?" }
            if !run.isEmpty { host = String(run); i += run.count }
        }
        if i < chars.count, chars[i] == ":" {
            let run = chars[(i + 1)...].prefix { $0 != "/" && $0 != "?" }
            port = String(run)
            i += 1 + run.count
        }
        if i < chars.count, chars[i] == "/" {
            let run = chars[(i + 1)...].prefix { $0 != "?" }
            database = String(run)
            i += 1 + run.count
        }
        if i < chars.count, chars[i] == "?" {
            query = String(chars[(i + 1)...])
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
