import FoundationEssentials

extension FileManager {
    /// Whether `path` names a directory (FoundationEssentials has no `ObjCBool` overload).
    public func isDirectory(atPath path: String) -> Bool {
        ((try? attributesOfItem(atPath: path))?[.type] as? FileAttributeType) == .typeDirectory
    }
}
