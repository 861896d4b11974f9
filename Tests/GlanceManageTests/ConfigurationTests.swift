import Foundation
@testable import GlanceManageCore
import Testing

/// Config files read as oslo.config reads them. Every expected value was printed by the real oslo.config
/// 10.7.0 for the same file text (`Tests/Oracles/oslo_config_cases.py`), not derived from this code.
@Suite struct ConfigurationTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("glance-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ text: String, _ name: String = "glance-api.conf") throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// (case name from the oracle script, file text, `[database] connection` as oslo.config returned it)
    static let connectionCases: [(String, String, String?)] = [
        ("quoted-double", "[database]\nconnection = \"sqlite:////tmp/a.sqlite\"\n", "sqlite:////tmp/a.sqlite"),
        ("quoted-single", "[database]\nconnection = 'sqlite:////tmp/a.sqlite'\n", "sqlite:////tmp/a.sqlite"),
        ("quote-unbalanced", "[database]\nconnection = \"sqlite:////tmp/a.sqlite\n", "\"sqlite:////tmp/a.sqlite"),
        ("interpolate-default",
         "[DEFAULT]\nstate_path = /var/lib/glance\n[database]\nconnection = sqlite:///$state_path/glance.sqlite\n",
         "sqlite:////var/lib/glance/glance.sqlite"),
        ("interpolate-braces",
         "[DEFAULT]\nstate_path = /var/lib/glance\n[database]\nconnection = sqlite:///${state_path}x.sqlite\n",
         "sqlite:////var/lib/glancex.sqlite"),
        ("interpolate-same-group", "[database]\nbase = /srv\nconnection = sqlite:///$base/g.sqlite\n",
         "sqlite:////srv/g.sqlite"),
        ("interpolate-group-dot", "[paths]\nroot = /data\n[database]\nconnection = sqlite:///${paths.root}/g.sqlite\n",
         "sqlite:////data/g.sqlite"),
        ("dollar-escapes", "[database]\nconnection = postgresql://u:p$$w\\$d@h/db\n", "postgresql://u:p$w$d@h/db"),
        ("crlf", "[database]\r\nconnection = sqlite:////tmp/crlf.sqlite\r\n", "sqlite:////tmp/crlf.sqlite"),
        ("cr-only", "[database]\rconnection = sqlite:////tmp/cr.sqlite\r", "sqlite:////tmp/cr.sqlite"),
        ("upper-section", "[DATABASE]\nconnection = sqlite:////tmp/upper.sqlite\n", "sqlite:////tmp/upper.sqlite"),
        ("mixed-section", "[Database]\nconnection = sqlite:////tmp/mixed.sqlite\n", "sqlite:////tmp/mixed.sqlite"),
        ("inline-hash", "[database]\nconnection = sqlite:////tmp/a.sqlite # note\n", "sqlite:////tmp/a.sqlite # note"),
        ("continuation", "[database]\nconnection = sqlite:////tmp/\n  cont.sqlite\n", "sqlite:////tmp/\ncont.sqlite"),
        ("later-wins",
         "[database]\nconnection = sqlite:////tmp/first.sqlite\n[DATABASE]\nconnection = sqlite:////tmp/second.sqlite\n",
         "sqlite:////tmp/second.sqlite"),
        ("colon-separator", "[database]\nconnection: sqlite:////tmp/colon.sqlite\n", "sqlite:////tmp/colon.sqlite"),
        ("spaced-section", "[ database ]\nconnection = sqlite:////tmp/spaced.sqlite\n", nil),
    ]

    @Test(arguments: connectionCases.map { [$0.0, $0.1, $0.2 ?? "<None>"] })
    func connectionIsReadAsOsloConfigReadsIt(_ example: [String]) throws {
        let files = try ConfigurationFiles(paths: [try write(example[1])])
        #expect(try files.databaseConnection() ?? "<None>" == example[2], "\(example[0])")
    }

    @Test func defaultIsCaseSensitiveButOtherSectionsAreNot() throws {
        let lower = try ConfigurationFiles(paths: [try write("[default]\ndebug = true\n")])
        #expect(try lower.bool("debug", in: "DEFAULT") == nil)
        let upper = try ConfigurationFiles(paths: [try write("[DEFAULT]\ndebug = TRUE\n")])
        #expect(try upper.bool("debug", in: "DEFAULT") == true)
    }

    @Test func anIndentedLineRightAfterASectionIsAnError() throws {
        let path = try write("[database]\n  # comment\nconnection = sqlite:////tmp/a.sqlite\n")
        #expect(throws: CLIFailure.self) { try ConfigurationFiles(paths: [path]) }
        do {
            _ = try ConfigurationFiles(paths: [path])
        } catch let failure as CLIFailure {
            #expect(failure.description == "ERROR: malformed config file \(path) line 2: unexpected continuation line")
        }
    }

    @Test func anUnknownReferenceNamesTheOptionButNotTheValue() throws {
        let path = try write("[database]\nconnection = postgresql://glance:s3cret@db/$nosuch\n")
        let files = try ConfigurationFiles(paths: [path])
        #expect {
            try files.databaseConnection()
        } throws: { error in
            let text = String(describing: error)
            return text == "ERROR: config file \(path): [database] connection refers to $nosuch, which no config file sets"
                && !text.contains("s3cret")
        }
    }

    @Test func aReferenceCycleIsAnErrorNotARecursion() throws {
        let files = try ConfigurationFiles(paths: [try write("[DEFAULT]\na = $b\nb = $a\n[database]\nconnection = $a\n")])
        #expect(throws: CLIFailure.self) { try files.databaseConnection() }
    }

    @Test func laterFilesWinAndReferencesSeeTheMergedValues() throws {
        let first = try write("[DEFAULT]\nstate_path = /old\n[database]\nconnection = sqlite:///$state_path/g.sqlite\n",
                              "a.conf")
        let second = try write("[DEFAULT]\nstate_path = /new\n", "b.conf")
        let files = try ConfigurationFiles(paths: [first, second])
        #expect(try files.databaseConnection() == "sqlite:////new/g.sqlite")
    }

    /// oslo.config 10.7.0, `--config-file a --config-dir d --config-file b` and the other orders: the
    /// directory's files (sorted as bytes: `10.conf` before `2.conf`) are read where the option stands.
    @Test func configDirectoryIsReadWhereItStandsInSortedOrder() throws {
        let dir = directory.appendingPathComponent("glance-api.conf.d")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = try write("[database]\nconnection = from-dir-10\n", "glance-api.conf.d/10.conf")
        _ = try write("[database]\nconnection = from-dir-2\n", "glance-api.conf.d/2.conf")
        _ = try write("[database]\nconnection = ignored\n", "glance-api.conf.d/README")
        let a = try write("[database]\nconnection = from-a\n", "a.conf")
        let b = try write("[database]\nconnection = from-b\n", "b.conf")
        let search = ConfigurationSearch(environment: [ConfigurationSearch.searchPathVariable: "/nonexistent"])
        func connection(_ sources: [ConfigurationSearch.Source]) throws -> String? {
            try ConfigurationFiles(paths: try search.files(forExplicit: sources)).databaseConnection()
        }
        #expect(try connection([.file(a), .directory(dir.path), .file(b)]) == "from-b")
        #expect(try connection([.directory(dir.path), .file(a)]) == "from-a")
        #expect(try connection([.file(a), .directory(dir.path)]) == "from-dir-2")
        #expect(throws: CLIFailure.self) { try search.files(forExplicit: [.directory(dir.path + "/missing")]) }
    }

    /// Glance's `find_config_files('glance', 'glance-api') + find_config_files('glance', 'glance-manage')`,
    /// each name from the first search directory that has it; oslo.config reads `glance.conf` twice.
    @Test func defaultFilesFollowGlancesSearch() throws {
        let home = directory.appendingPathComponent("home/.glance")
        let etc = directory.appendingPathComponent("etc/glance")
        for url in [home, etc, etc.appendingPathComponent("glance-manage.conf.d")] {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        _ = try write("", "home/.glance/glance-api.conf")
        _ = try write("", "etc/glance/glance-api.conf")
        _ = try write("", "etc/glance/glance.conf")
        _ = try write("", "etc/glance/glance-manage.conf")
        _ = try write("", "etc/glance/glance-manage.conf.d/z.conf")
        let search = ConfigurationSearch(environment: [
            ConfigurationSearch.searchPathVariable: "\(home.path):\(etc.path)",
        ])
        #expect(search.files(for: []) == [
            etc.path + "/glance.conf", home.path + "/glance-api.conf", etc.path + "/glance.conf",
            etc.path + "/glance-manage.conf", etc.path + "/glance-manage.conf.d/z.conf",
        ])
    }
}
