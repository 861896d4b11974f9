#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, by one `stat` call (symbolic links followed, as Python's `os.path.exists` and
/// `os.path.isdir` do). `db version` asks this at every start: `FileManager.default` would be set up for it,
/// locks and all, and its code paged in (BENCHMARKS.md, start-up).
public enum PathStatus {
    /// Whether something exists at `path` (a dangling symbolic link does not count).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// Whether `path` names a directory (a `glance-api.conf.d` that links to a directory is one).
    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
