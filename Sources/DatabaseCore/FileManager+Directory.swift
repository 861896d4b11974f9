import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension FileManager {
    /// Whether `path` names a directory, following symbolic links as Python's `os.path.isdir` does (a
    /// `glance-api.conf.d` that links to a directory is one). One `stat` call: `attributesOfItem` builds a
    /// whole attribute dictionary, a measurable part of `db version`'s start-up (BENCHMARKS.md).
    public func isDirectory(atPath path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
