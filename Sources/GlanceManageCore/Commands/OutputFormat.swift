import ArgumentParser
import GlanceData

/// `--format text|json` for commands that automation reads.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// A JSON `null` in the `[String: Any]` documents the commands build.
struct JSONNull {}
let jsonNull = JSONNull()

/// Prints a JSON object with sorted keys on one line.
func printJSON(_ object: [String: Any]) {
    Output.line(jsonValue(object).pythonJSON())
}

/// The JSON value of a document built from strings, numbers, booleans, arrays, dictionaries (keys sorted)
/// and `jsonNull`.
func jsonValue(_ value: Any) -> JSONValue {
    switch value {
    case let text as String: return .string(text)
    case let flag as Bool: return .bool(flag)
    case let number as Int: return .integer(String(number))
    case let number as Int64: return .integer(String(number))
    case let number as UInt64: return .integer(String(number))
    case let number as Double: return .number(number)
    case let object as [String: Any]:
        return .object(object.keys.sorted().map { JSONValue.Member($0, jsonValue(object[$0]!)) })
    case let array as [Any]: return .array(array.map(jsonValue))
    default: return .null
    }
}
