import DatabaseCore
import FoundationEssentials

/// Writes every metadef namespace to `<directory>/<display name>.json` in the format `MetadefLoader` reads.
///
/// Glance's `db export_metadefs` has crashed since 27.0.0 and, before that, pasted the directory and the
/// file name together without a separator. Here the path is joined, every file is built before the first is
/// written (a row with broken JSON fails the export without leaving half of it), two namespaces whose names
/// reduce to the same file name get distinct files, and `owner` and each object's `required` are kept so that
/// loading the files back gives the same rows.
public struct MetadefExporter {
    let database: any Database
    let log: LogSink

    public init(database: any Database, log: @escaping LogSink) {
        self.database = database
        self.log = log
    }

    /// - Returns: the files written, in namespace id order.
    /// - Throws: `GlanceDataError` (missing tables, invalid stored JSON, unwritable directory or file).
    @discardableResult
    public func export(to directory: String) throws -> [String] {
        guard PathStatus.isDirectory(directory) else {
            throw GlanceDataError.cannotWrite(path: directory, reason: "no such directory")
        }
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        var used = Set<String>()
        var written: [String] = []
        for document in try documents() {
            let stem = Self.uniqueStem(Self.fileStem(document), used: &used)
            let file = base.appendingPathComponent(stem + ".json").path
            if FileManager.default.fileExists(atPath: file) { log(.info, "Overwriting: \(file)") }
            do {
                try Data((document.json.pythonJSON(indent: 4) + "\n").utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                throw GlanceDataError.cannotWrite(path: file, reason: String(describing: error))
            }
            log(.info, "Namespace \(stem) saved in \(file)")
            written.append(file)
        }
        return written
    }

    /// Glance's file name: the display name without `[\W_]+` (Unicode letters and digits stay). An empty
    /// result (no display name, or only punctuation) falls back to the namespace, then to `namespace`.
    static func fileStem(_ document: MetadefDocument) -> String {
        func wordCharacters(_ text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.filter {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
            }))
        }
        for candidate in [document.displayName ?? "", document.namespace] {
            let stem = wordCharacters(candidate)
            if !stem.isEmpty { return stem }
        }
        return "namespace"
    }

    /// Appends 2, 3… to a stem already used in this export, instead of overwriting that file.
    static func uniqueStem(_ stem: String, used: inout Set<String>) -> String {
        var candidate = stem
        var counter = 1
        while used.contains(candidate) {
            counter += 1
            candidate = stem + String(counter)
        }
        used.insert(candidate)
        return candidate
    }

    /// Every namespace with its associations, properties, objects and tags, read with one query per table.
    public func documents() throws -> [MetadefDocument] {
        try MetadefTables.require(in: database)
        let namespaces = try database.query("""
            SELECT id, namespace, display_name, description, visibility, protected, owner
            FROM metadef_namespaces ORDER BY id
            """)
        let associations = try grouped("""
            SELECT a.namespace_id, t.name, a.prefix, a.properties_target
            FROM metadef_namespace_resource_types a JOIN metadef_resource_types t ON t.id = a.resource_type_id
            ORDER BY a.namespace_id, t.id
            """)
        let properties = try grouped("SELECT namespace_id, name, json_schema FROM metadef_properties ORDER BY namespace_id, id")
        let objects = try grouped("SELECT namespace_id, name, description, required, json_schema FROM metadef_objects ORDER BY namespace_id, id")
        let tags = try grouped("SELECT namespace_id, name FROM metadef_tags ORDER BY namespace_id, id")

        return try namespaces.map { row in
            let id = row["id"]
            let namespace = row["namespace"].stringValue ?? ""
            func parsed(_ table: String, _ row: Row) throws -> JSONValue {
                let name = row["name"].stringValue ?? ""
                do {
                    return try JSONValue(parsing: row["json_schema"].stringValue ?? "null")
                } catch let error as JSONParseError {
                    throw GlanceDataError.invalidStoredJSON(table: table, namespace: namespace, name: name, error: error)
                }
            }
            return MetadefDocument(
                namespace: namespace,
                displayName: row["display_name"].stringValue,
                description: row["description"].stringValue,
                visibility: row["visibility"].stringValue,
                isProtected: row["protected"].boolValue,
                owner: row["owner"].stringValue ?? "admin",
                resourceTypeAssociations: (associations[id] ?? []).map {
                    .init(name: $0["name"].stringValue ?? "", prefix: $0["prefix"].stringValue,
                          propertiesTarget: $0["properties_target"].stringValue)
                },
                properties: try (properties[id] ?? []).map {
                    JSONValue.Member($0["name"].stringValue ?? "", try parsed("metadef_properties", $0))
                },
                objects: try (objects[id] ?? []).map {
                    .init(name: $0["name"].stringValue ?? "", description: $0["description"].stringValue,
                          required: ($0["required"].stringValue ?? "").split(separator: ",").map(String.init),
                          properties: try parsed("metadef_objects", $0))
                },
                tags: (tags[id] ?? []).compactMap { $0["name"].stringValue })
        }
    }

    private func grouped(_ sql: String) throws -> [SQLValue: [Row]] {
        Dictionary(grouping: try database.query(sql)) { $0["namespace_id"] }
    }
}
