import FoundationEssentials

extension FileManager {
    /// Whether `path` names a directory, following symbolic links (`PathStatus.isDirectory`): one `stat`
    /// call, where `attributesOfItem` would build a whole attribute dictionary.
    public func isDirectory(atPath path: String) -> Bool {
        PathStatus.isDirectory(path)
    }
}
