import DatabaseCore
import Testing

/// Identifiers and literals as each dialect's documentation says to write them: the quote character doubled
/// (SQL standard; MySQL backticks), and on MySQL a backslash doubled too (its default escapes).
@Suite struct DialectQuotingTests {
    @Test func identifiersDoubleTheirQuoteCharacter() {
        #expect(Dialect.sqlite.quote("alembic_version") == "\"alembic_version\"")
        #expect(Dialect.postgresql.quote("a\"b\"\"c") == "\"a\"\"b\"\"\"\"c\"")
        #expect(Dialect.mysql.quote("a`b") == "`a``b`")
        #expect(Dialect.mysql.quote("a\"b") == "`a\"b`")
    }

    @Test func literalsDoubleQuotesAndOnMySQLBackslashes() {
        #expect(Dialect.sqlite.literal("it's") == "'it''s'")
        #expect(Dialect.postgresql.literal("a\\b") == "'a\\b'")
        #expect(Dialect.mysql.literal("it's a\\b") == "'it''s a\\\\b'")
        #expect(Dialect.sqlite.literal("") == "''")
    }
}
