import Foundation
import Testing
import TestSupport
@testable import GlanceManageCore

/// `--help`'s fast path prints a stored rendering; these prove it is the parser's, and that the binary
/// prints it only where the parser would print the same (80 columns).
@Suite struct RootHelpTests {
    @Test func theStoredTextIsWhatTheParserRendersAt80Columns() {
        #expect(RootHelp.text == GlanceManage.helpMessage(columns: RootHelp.width))
    }

    @Test func theBinaryPrintsTheParsersHelpAtEveryWidth() throws {
        for columns in ["80", "100", "60"] {
            let r = try GlanceManageBinary.run(["--help"], environment: ["COLUMNS": columns])
            #expect(r.status == 0)
            #expect(r.stdout == GlanceManage.helpMessage(columns: Int(columns)!) + "\n", "COLUMNS=\(columns)")
        }
        // Without COLUMNS (unless the runner sets it) and with a pipe for stdout: the stored text.
        let inherited = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? RootHelp.width
        let r = try GlanceManageBinary.run(["-h"])
        #expect(r.stdout == GlanceManage.helpMessage(columns: inherited) + "\n")
    }
}
