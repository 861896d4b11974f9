import ArgumentParser
import Foundation


/// `--format text|json` for commands that automation reads.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// Prints a JSON object with sorted keys on one line.
func printJSON(_ object: [String: Any]) {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    Output.line(String(decoding: data, as: UTF8.self))
}
