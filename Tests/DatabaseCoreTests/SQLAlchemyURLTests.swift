@testable import DatabaseCore
import Testing

/// URLs split as SQLAlchemy splits them. Every expectation was printed by SQLAlchemy 2.0.54's `make_url`
/// for the same text (`Tests/Oracles/sqlalchemy_url_cases.py`), not derived from this code.
@Suite struct SQLAlchemyURLTests {
    /// (URL, user, password (decoded), host, port, database, query) as SQLAlchemy returned them.
    static let cases: [(String, String?, String?, String?, String?, String?, [String: String])] = [
        ("postgresql://glance:pa/ss@db/glance", "glance", "pa/ss", "db", nil, "glance", [:]),
        ("postgresql://glance:pa?ss@db/glance", "glance", "pa?ss", "db", nil, "glance", [:]),
        ("postgresql://glance:a/b?c@db:5433/glance?sslmode=require", "glance", "a/b?c", "db", "5433", "glance",
         ["sslmode": "require"]),
        ("postgresql://glance:p:w@db/glance", "glance", "p:w", "db", nil, "glance", [:]),
        ("postgresql://glance:pa#ss@db/glance", "glance", "pa#ss", "db", nil, "glance", [:]),
        ("postgresql://glance:%2Fx%40y@db/glance", "glance", "/x@y", "db", nil, "glance", [:]),
        ("postgresql://glance:p@ss@db/glance", "glance", "p", "ss@db", nil, "glance", [:]),
        ("postgresql://gl/ance:pass@db/glance", nil, nil, "gl", nil, "ance:pass@db/glance", [:]),
        ("postgresql://u@h/gl%2Fance", "u", nil, "h", nil, "gl%2Fance", [:]),
        ("postgresql://u@h/db?sslmode=re+q&x=&y", "u", nil, "h", nil, "db", ["sslmode": "re q"]),
        ("postgresql://[::1]:5432/db", nil, nil, "::1", "5432", "db", [:]),
        ("postgresql://glance@/glance?host=/run/postgresql", "glance", nil, nil, nil, "glance", ["host": "/run/postgresql"]),
        ("sqlite:////tmp/a%20b.sqlite?mode=ro", nil, nil, nil, nil, "/tmp/a%20b.sqlite", ["mode": "ro"]),
        // A combining mark after a separator does not hide the separator (Python matches code points).
        ("postgresql://gl\u{E4}nce:p\u{E4}:ss@d\u{DF}/gl\u{E4}nce", "gl\u{E4}nce", "p\u{E4}:ss", "d\u{DF}", nil, "gl\u{E4}nce", [:]),
        ("sqlite:///\u{301}x.sqlite", nil, nil, nil, nil, "\u{301}x.sqlite", [:]),
        ("postgresql://u:p\u{301}@h/\u{301}db", "u", "p\u{301}", "h", nil, "\u{301}db", [:]),
    ]

    @Test(arguments: cases.indices)
    func splitsAsSQLAlchemyDoes(_ index: Int) {
        let (text, user, password, host, port, database, query) = Self.cases[index]
        let parts = SQLAlchemyURL(rest: String(text[text.range(of: "://")!.upperBound...]))
        #expect(parts.user.map(percentDecoded) == user, "\(text)")
        #expect(parts.password.map(percentDecoded) == password, "\(text)")
        #expect(parts.host == host, "\(text)")
        #expect(parts.port == port, "\(text)")
        #expect(parts.database == database, "\(text)")
        #expect(Dictionary(parts.queryPairs, uniquingKeysWith: { $1 }) == query, "\(text)")
    }

    /// A raw `/` or `?` in a password reaches libpq whole; the redacted form holds none of it.
    @Test(arguments: ["pa/ss", "pa?ss", "a/b?c", "p:w", "pa#ss"])
    func rawSlashOrQuestionMarkStaysInThePassword(_ password: String) throws {
        let url = try ConnectionURL(parsing: "postgresql+psycopg2://glance:\(password)@db:5433/glance?sslmode=require")
        guard case .postgresql(let parameters) = url.target else { Issue.record("not PostgreSQL"); return }
        #expect(parameters.map { "\($0.keyword)=\($0.value)" } ==
                ["user=glance", "password=\(password)", "port=5433", "host=db", "dbname=glance", "sslmode=require"])
        #expect(url.redacted == "postgresql://glance:***@db:5433/glance?sslmode=require")
    }

    /// SQLAlchemy would put the rest of such a password in the host or database name (and Glance would try to
    /// connect there); here it is refused, and the message holds no fragment of it.
    @Test(arguments: ["postgresql://glance:p@zq9x@db/glance", "postgresql://gl/ance:zq9x@db/glance",
                      "postgresql://glance:top@zq9/x@db/glance"])
    func aRawAtSignInAPasswordIsRefusedWithoutEchoingIt(_ text: String) {
        #expect {
            try ConnectionURL(parsing: text)
        } throws: { error in
            let message = String(describing: error)
            return message.hasPrefix("malformed database connection URL: '@' after the user name and password")
                && !message.contains("zq9") && !message.contains("ance") && !message.contains("top")
        }
    }

    /// SQLite's URI modes (https://sqlite.org/uri.html): exactly ro, rw, rwc and memory, case-sensitive;
    /// anything else is SQLite's "no such access mode" error.
    @Test func sqliteModeIsValidatedAndDecoded() throws {
        #expect(try ConnectionURL(parsing: "sqlite:////tmp/g.sqlite?mode=ro").sqliteMode == .readOnly)
        #expect(try ConnectionURL(parsing: "sqlite:////tmp/g.sqlite?mode=r%6F").sqliteMode == .readOnly)
        #expect(try ConnectionURL(parsing: "sqlite:////tmp/g.sqlite?mode=rw").sqliteMustExist)
        #expect(try ConnectionURL(parsing: "sqlite:////tmp/g.sqlite?mode=rwc").sqliteMode == .readWriteCreate)
        #expect(try ConnectionURL(parsing: "sqlite:////tmp/g.sqlite?mode=ro&mode=rwc").sqliteMode == .readWriteCreate)
        #expect(try ConnectionURL(parsing: "sqlite:////tmp/g.sqlite?mode=memory").target == .sqlite(path: ":memory:"))
        #expect(try ConnectionURL(parsing: "sqlite:////tmp/g.sqlite?timeout=5").sqliteMode == .readWriteCreate)
        for bad in ["RO", "bogus", "r"] {
            #expect(throws: ConnectionURLError.malformed(
                reason: "no such access mode: \(bad) (SQLite's modes are ro, rw, rwc, memory)")) {
                try ConnectionURL(parsing: "sqlite:////tmp/g.sqlite?mode=\(bad)")
            }
        }
    }

    /// SQLAlchemy uses a SQLite path as written: `%20` stays `%20`.
    @Test func sqlitePathIsNotPercentDecoded() throws {
        #expect(try ConnectionURL(parsing: "sqlite:////tmp/a%20b.sqlite").target == .sqlite(path: "/tmp/a%20b.sqlite"))
    }
}
