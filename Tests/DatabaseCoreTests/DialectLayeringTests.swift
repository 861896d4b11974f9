import Foundation
import Testing

/// Dialect facts live in DatabaseCore, the driver modules and the renderers only: nowhere else may code
/// ask which database it is on, or downcast to a concrete driver. A new dialect is then a driver, a
/// renderer and its facts. This reads the sources, so a change that breaks the rule fails here.
@Suite struct DialectLayeringTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Where dialect facts belong: the core, every `…Driver`/`…Drivers` module, and renderer files.
    static func isAllowed(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        if parts.count > 1, parts[0] == "Sources", parts[1] == "DatabaseCore" || parts[1].hasSuffix("Driver")
            || parts[1].hasSuffix("Drivers") { return true }
        return parts.last?.contains("Renderer") == true
    }

    // `(?!\w)`, not `\b`: Swift's `\b` is a Unicode word boundary, under which `url.dialect.x` is one
    // word, so `switch url.dialect.x` slipped past it.
    static var patterns: [(String, Regex<Substring>)] { [
        ("dialect == .x", try! Regex(#"dialect\s*[=!]=\s*\."#)),
        ("case .sqlite/.postgresql/.mysql", try! Regex(#"case\s+\.(?:sqlite|postgresql|mysql)(?!\w)"#)),
        ("switch …dialect", try! Regex(#"switch\s+(?:[\w.]*|\(.*)dialect(?!\w)"#)),
        ("as? …Database", try! Regex(#"as[?!]\s*\w+Database(?!\w)"#)),
    ] }

    @Test func noCallerAsksWhichDatabaseItIsOn() throws {
        var violations: [String] = []
        for folder in ["Sources", "legacy", "alembic_equivalents"] {
            let base = Self.root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in files where file.pathExtension == "swift" {
                let relative = String(file.path.dropFirst(Self.root.path.count + 1))
                guard !Self.isAllowed(relative) else { continue }
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                for (number, line) in lines.enumerated() {
                    let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                    for (name, pattern) in Self.patterns where code.contains(pattern) {
                        violations.append("\(relative):\(number + 1): \(name): \(line.trimmingCharacters(in: .whitespaces))")
                    }
                }
            }
        }
        #expect(violations.isEmpty, "dialect checks outside the drivers and renderers:\n\(violations.joined(separator: "\n"))")
    }

    @Test func theRuleCatchesADialectCheck() throws {
        let line = "if database.dialect == .sqlite { try rebuild() }"
        #expect(Self.patterns.contains { line.contains($0.1) })
        #expect(Self.patterns.contains { "switch url.dialect.offlineSQLStrategy {".contains($0.1) })
        #expect(Self.isAllowed("Sources/MigrationEngine/SQLiteRenderer.swift"))
        #expect(!Self.isAllowed("Sources/LegacyBridge/Detection.swift"))
    }
}
