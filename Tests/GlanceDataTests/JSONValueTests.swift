import GlanceData
import Testing

/// The JSON layer must reproduce Python's `json.loads` / `json.dumps`, because Glance stores
/// `json.dumps(schema)` text and operators diff exported files against Glance's own.
@Suite struct JSONValueTests {
    @Test func dumpsLikePythonKeepingMemberOrder() throws {
        let value = try JSONValue(parsing: #"{"z": 1, "a": [true, false, null], "m": {"x": "y"}, "e": {}, "l": []}"#)
        #expect(value.pythonJSON() == #"{"z": 1, "a": [true, false, null], "m": {"x": "y"}, "e": {}, "l": []}"#)
    }

    @Test func indentedOutputMatchesPythonIndent4() throws {
        let value = try JSONValue(parsing: #"{"a": [1, {"b": null}], "c": {}}"#)
        #expect(value.pythonJSON(indent: 4) == """
        {
            "a": [
                1,
                {
                    "b": null
                }
            ],
            "c": {}
        }
        """)
    }

    @Test func stringsAreEscapedAsciiOnly() throws {
        let value = try JSONValue(parsing: #"["é—\"\\\/\n\t\u0001", "🚀", "\ud83d\ude80"]"#)
        #expect(value.pythonJSON() == #"["\u00e9\u2014\"\\/\n\t\u0001", "\ud83d\ude80", "\ud83d\ude80"]"#)
    }

    /// Python's `repr(float)` and unbounded ints.
    @Test(arguments: [
        ("0.5", "0.5"), ("1.0", "1.0"), ("1e20", "1e+20"), ("1E5", "100000.0"), ("0.0001", "0.0001"),
        ("0.00001", "1e-05"), ("1e16", "1e+16"), ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("-0", "0"), ("-12", "-12"), ("2.50", "2.5"),
    ])
    func numbersAreSpelledAsPythonSpellsThem(_ literal: String, _ expected: String) throws {
        #expect(try JSONValue(parsing: literal).pythonJSON() == expected)
    }

    @Test func duplicateKeysKeepFirstPositionAndLastValue() throws {
        #expect(try JSONValue(parsing: #"{"a": 1, "b": 2, "a": 3}"#).pythonJSON() == #"{"a": 3, "b": 2}"#)
    }

    @Test(arguments: [
        ("", "Expecting value: line 1 column 1 (char 0)"),
        (#"{"a": 1,"#, "Expecting property name enclosed in double quotes: line 1 column 9 (char 8)"),
        ("{\n\"a\" 1}", "Expecting ':' delimiter: line 2 column 5 (char 6)"),
        ("[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"),
        (#"{"a": "x"} x"#, "Extra data: line 1 column 12 (char 11)"),
        (#"["abc"#, "Unterminated string starting at: line 1 column 2 (char 1)"),
        ("[\"a\u{01}\"]", "Invalid control character at: line 1 column 4 (char 3)"),
        (#"["\q"]"#, "Invalid \\escape: line 1 column 3 (char 2)"),
        ("[NaN]", "Expecting value: line 1 column 2 (char 1)"),
        ("[01]", "Expecting ',' delimiter: line 1 column 3 (char 2)"),
    ])
    func malformedTextIsRejectedWithPythonsWording(_ text: String, _ message: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
        do {
            _ = try JSONValue(parsing: text)
        } catch {
            #expect("\(error)" == message)
        }
    }
}
