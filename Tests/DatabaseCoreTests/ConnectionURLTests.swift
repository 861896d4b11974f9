import DatabaseCore
import Testing

@Suite struct ConnectionURLTests {
    /// The libpq parameters of a PostgreSQL URL, keyed by keyword.
    private func parameters(_ url: ConnectionURL) -> [String: String]? {
        guard case .postgresql(let parameters) = url.target else { return nil }
        return Dictionary(parameters.map { ($0.keyword, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    @Test func sqliteURLsFollowSQLAlchemySlashes() throws {
        #expect(try ConnectionURL(parsing: "sqlite:///glance.sqlite").target == .sqlite(path: "glance.sqlite"))
        #expect(try ConnectionURL(parsing: "sqlite:////var/lib/glance/glance.sqlite").target
                == .sqlite(path: "/var/lib/glance/glance.sqlite"))
        #expect(try ConnectionURL(parsing: "sqlite://").target == .sqlite(path: ":memory:"))
        #expect(try ConnectionURL(parsing: "  sqlite:///glance.sqlite\n").dialect == .sqlite)
    }

    @Test func postgresURLDecodesThePassword() throws {
        let url = try ConnectionURL(parsing: "postgresql+psycopg2://glance:p%40ss%2Fword@db.example.com:5433/glance?sslmode=require")
        #expect(url.dialect == .postgresql)
        #expect(parameters(url) == ["user": "glance", "password": "p@ss/word", "host": "db.example.com", "port": "5433",
                                    "dbname": "glance", "sslmode": "require"])
    }

    @Test func redactedHidesThePassword() throws {
        let url = try ConnectionURL(parsing: "postgresql+psycopg2://glance:p%40ss%2Fword@db.example.com:5433/glance?sslmode=require")
        #expect(url.redacted == "postgresql://glance:***@db.example.com:5433/glance?sslmode=require")
        #expect(url.description == url.redacted)
        #expect(!url.redacted.contains("p%40ss"))
        #expect(!url.redacted.contains("p@ss"))
    }

    @Test func unixSocketHostComesFromTheQuery() throws {
        let url = try ConnectionURL(parsing: "postgresql://glance@/glance?host=/var/run/postgresql")
        #expect(parameters(url) == ["user": "glance", "dbname": "glance", "host": "/var/run/postgresql"])
        #expect(url.redacted == "postgresql://glance@/glance?host=/var/run/postgresql")
    }

    @Test func conninfoStringIsParsedAndRedacted() throws {
        let url = try ConnectionURL(parsing: "host=localhost dbname=glance password=x")
        #expect(url.target == .postgresql(parameters: [.init("host", "localhost"), .init("dbname", "glance"), .init("password", "x")]))
        #expect(url.redacted == "host=localhost dbname=glance password=***")
    }

    @Test(arguments: ["not a url", "sqlite:/x", "postgresql://h:notaport/db"])
    func malformedURLsThrow(_ text: String) {
        let error = #expect(throws: ConnectionURLError.self) { try ConnectionURL(parsing: text) }
        guard case .malformed = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
    }

    @Test func emptyURLThrows() {
        #expect(throws: ConnectionURLError.empty) { try ConnectionURL(parsing: "   ") }
    }

    @Test func unknownBackendsAreUnsupported() {
        #expect(throws: ConnectionURLError.unsupportedBackend("oracle")) {
            try ConnectionURL(parsing: "oracle://glance:secret@db/glance")
        }
        #expect(!ConnectionURLError.unsupportedBackend("oracle").description.contains("secret"))
    }
}
