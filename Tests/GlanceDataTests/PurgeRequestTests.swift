import DatabaseCore
import Foundation
import GlanceData
import Testing

/// Glance's `_purge` checks (`glance/tests/unit/test_glance_manage.py`), in its order and words.
@Suite struct PurgeRequestTests {
    @Test(arguments: [
        (1, -2, "Minimal rows limit is -1."),
        (-1, 100, "Must supply a non-negative value for age."),
        (-1, -5, "Must supply a non-negative value for age."),
        (1, 2_147_483_648, "'max_rows' value out of range, must not exceed 2147483647."),
        (19_845, 100, "Maximal age is count of days since epoch."),
    ])
    func invalidRequestsAreRefusedWithGlancesMessage(_ age: Int, _ rows: Int, _ message: String) {
        do {
            _ = try PurgeRequest(ageInDays: age, maxRows: rows, now: fixedNow)
            Issue.record("accepted \(age) \(rows)")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func limitsThatGlanceAcceptsAreAccepted() throws {
        // fixedNow is 19844.4 days after the epoch.
        #expect(try PurgeRequest(ageInDays: 19_844, maxRows: 2_147_483_647, now: fixedNow).maxRows == 2_147_483_647)
        #expect(try PurgeRequest(ageInDays: 0, maxRows: -1, now: fixedNow).maxRows == -1)
        #expect(try PurgeRequest(ageInDays: 30, maxRows: 0, now: fixedNow).ageInDays == 30)
    }

    @Test func cutoffIsNowMinusWholeDaysAsMicrosecondText() throws {
        let request = try PurgeRequest(ageInDays: 30, maxRows: 100, now: fixedNow)
        #expect(SQLTimestamp.text(request.cutoff) == "2024-04-01 10:00:00.250000")
    }

    @Test(arguments: [("abcd", "age_in_days"), ("1.5", "max_rows"), ("", "max_rows")])
    func positionalValuesMustBeIntegers(_ text: String, _ name: String) {
        #expect(throws: PurgeError.invalidInteger(name: name, value: text)) { try PurgeRequest.integer(text, name: name) }
        #expect(PurgeError.invalidInteger(name: name, value: text).description == "Invalid int value for \(name): \(text)")
    }
}
