import DatabaseCore

/// A data step in two halves around a script's operations: `read` runs before them and `write` before
/// operation `writeBefore` (after all of them when nil), with what `read` returned. Legacy 029 needs it: the
/// pickles it converts live in the column its operations drop, and the JSON belongs in the column they
/// create. Writing before the drop matters where DDL is not transactional: a run that dies after MySQL
/// dropped the old column must not have lost the only copy of the data.
public struct LegacyDataCarry: Sendable {
    public let read: @Sendable (any Database) throws -> [[SQLValue]]
    public let write: @Sendable (any Database, [[SQLValue]]) throws -> Void
    public let writeBefore: Int?

    public init(read: @escaping @Sendable (any Database) throws -> [[SQLValue]],
                write: @escaping @Sendable (any Database, [[SQLValue]]) throws -> Void, writeBefore: Int? = nil) {
        self.read = read
        self.write = write
        self.writeBefore = writeBefore
    }
}

/// A legacy step that cannot be carried out safely on this database; its text is the one line for the
/// operator (the bridge adds that nothing was changed).
public struct LegacyScriptRefusal: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
