import DatabaseCore
import FoundationEssentials

/// Which config files `glance-manage` reads, as oslo.config decides for Glance's `glance-manage`:
/// - without `--config-file`: the defaults, `glance.conf` and `glance-api.conf`, then `glance.conf` and
///   `glance-manage.conf` (Glance calls `find_config_files` for `glance-api` and for `glance-manage`, and
///   each call starts with the project file; oslo.config reads the list as given, so `glance.conf` twice);
///   each from the first of `~/.glance/`, `~/`, `/etc/glance/`, `/etc/` that has it;
/// - without `--config-dir`: the `*.conf` files, sorted, of `glance.conf.d/` and `glance-manage.conf.d/`,
///   each from the first of those directories that has it;
/// - then the command line's `--config-file FILE` and `--config-dir DIR` (its `*.conf`, sorted) in the order
///   given, so later ones win.
///
/// `GLANCE_BRIDGE_CONFIG_SEARCH_PATH` (directories separated by `:`) replaces the four search directories,
/// so tests and packagers can point the defaults elsewhere without touching `/etc`.
public struct ConfigurationSearch: Sendable {
    public static let searchPathVariable = "GLANCE_BRIDGE_CONFIG_SEARCH_PATH"

    /// A `--config-file` or `--config-dir` argument, in command-line order.
    public enum Source: Sendable, Equatable {
        case file(String)
        case directory(String)
    }

    public let searchDirectories: [String]

    public init(environment: [String: String]) {
        self.init { environment[$0] }
    }

    /// The search directories from this process's environment.
    public init() {
        self.init(lookup: ProcessEnvironment.value)
    }

    private init(lookup: (String) -> String?) {
        if let override = lookup(Self.searchPathVariable) {
            searchDirectories = override.split(separator: ":").map(String.init)
        } else {
            let home = lookup("HOME") ?? "/root"
            searchDirectories = [home + "/.glance", home, "/etc/glance", "/etc"]
        }
    }

    /// The defaults alone (no `--config-file` and no `--config-dir` given).
    public func files(for sources: [Source]) -> [String] {
        precondition(sources.isEmpty, "explicit sources can fail; use files(forExplicit:)")
        return defaultFiles() + defaultDirectories().flatMap(Self.configFilesIfDirectory)
    }

    /// Every file to read, in reading order.
    /// - Throws: `CLIFailure` for a `--config-dir` that is not a readable directory.
    public func files(forExplicit sources: [Source]) throws -> [String] {
        var result: [String] = []
        if !sources.contains(where: { if case .file = $0 { true } else { false } }) {
            result += defaultFiles()
        }
        if !sources.contains(where: { if case .directory = $0 { true } else { false } }) {
            result += defaultDirectories().flatMap(Self.configFilesIfDirectory)
        }
        for source in sources {
            switch source {
            case .file(let path): result.append(path)
            case .directory(let path): result += try Self.configFiles(in: path)
            }
        }
        return result
    }

    func defaultFiles() -> [String] {
        ["glance.conf", "glance-api.conf", "glance.conf", "glance-manage.conf"].compactMap(firstFound)
    }

    func defaultDirectories() -> [String] {
        ["glance.conf.d", "glance-manage.conf.d"].compactMap(firstFound)
    }

    private func firstFound(_ name: String) -> String? {
        searchDirectories.map { $0 + "/" + name }.first(where: PathStatus.exists)
    }

    /// oslo.config skips a default directory that does not exist; one that is a file holds no `*.conf`.
    static func configFilesIfDirectory(_ directory: String) -> [String] {
        PathStatus.isDirectory(directory) ? ((try? configFiles(in: directory)) ?? []) : []
    }

    /// A directory's `*.conf` files in sorted (byte) order, as oslo.config's `sorted(glob(...))`.
    static func configFiles(in directory: String) throws -> [String] {
        guard PathStatus.isDirectory(directory),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw CLIFailure("ERROR: cannot read config directory \(directory): not a readable directory")
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names.filter { $0.hasSuffix(".conf") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { base + $0 }
    }
}
