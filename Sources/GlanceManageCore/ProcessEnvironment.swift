#if canImport(Glibc)
import Glibc
#endif

/// One environment variable, read with `getenv`. `ProcessInfo.processInfo.environment` copies the whole
/// environment into a dictionary, which start-up paid for twice to read two names (BENCHMARKS.md).
enum ProcessEnvironment {
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
