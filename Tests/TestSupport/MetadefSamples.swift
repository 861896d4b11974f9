import DatabaseCore
import Foundation

/// Small metadef files for the metadef tests, in the shape of Glance's `etc/metadefs/*.json`, plus broken
/// ones. Written to a fresh directory per test.
public enum MetadefSamples {
    public static let compute = #"""
    {
        "namespace": "OS::Test::Compute",
        "display_name": "Test Compute — Ünïcode",
        "description": "Compute settings\nsecond line",
        "visibility": "public",
        "protected": true,
        "resource_type_associations": [
            {"name": "OS::Glance::Image"},
            {"name": "OS::Nova::Flavor", "prefix": "hw:", "properties_target": "image"}
        ],
        "properties": {
            "hw_speed": {"title": "Speed", "type": "integer", "minimum": 1, "ratio": 0.5, "huge": 1e20, "enum": [1, 2]},
            "hw_mode": {"title": "Mode 🚀", "type": "string", "default": null, "readonly": false}
        },
        "objects": [
            {"name": "CPU Limits", "description": "Limits", "required": ["hw_speed", "hw_mode"],
             "properties": {"quota:cpu_shares": {"type": "integer"}}}
        ],
        "tags": [{"name": "fast"}, {"name": "small"}]
    }
    """#

    public static let storage = #"""
    {
        "namespace": "OS::Test::Storage",
        "display_name": "Test Storage",
        "visibility": "private",
        "protected": false,
        "owner": "ops",
        "resource_type_associations": [{"name": "OS::Glance::Image", "prefix": "st_"}, {"name": "OS::Cinder::Volume"}],
        "properties": {"st_tier": {"type": "string", "enum": ["gold", "silver"]}},
        "objects": [{"name": "Bare"}]
    }
    """#

    /// Not JSON: cut off in the middle.
    public static let broken = #"{"namespace": "OS::Test::Broken", "properties": {"#
    /// JSON, but `tags` is not a list (Glance would crash half-way through it).
    public static let wrongShape = #"{"namespace": "OS::Test::Shape", "properties": {"p": {}}, "tags": "fast"}"#

    /// A new temporary directory holding `files` (name → content).
    public static func directory(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metadefs-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, content) in files {
            try content.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return url
    }

    /// The good and the bad samples together, plus a file that is not `*.json` (ignored).
    public static func mixedDirectory() throws -> URL {
        try directory(["compute.json": compute, "storage.json": storage, "broken.json": broken,
                       "wrong-shape.json": wrongShape, "README.txt": "not a metadef"])
    }
}

/// The rows of the six metadef tables without ids and timestamps, ids replaced by the names they point to,
/// so two databases loaded from the same files compare equal.
public enum MetadefRows {
    public static func snapshot(_ database: any Database) throws -> [String] {
        let queries = [
            "SELECT 'namespace', namespace, display_name, description, visibility, protected, owner FROM metadef_namespaces",
            "SELECT 'resource_type', name, protected FROM metadef_resource_types",
            """
            SELECT 'association', n.namespace, t.name, a.prefix, a.properties_target FROM metadef_namespace_resource_types a
            JOIN metadef_namespaces n ON n.id = a.namespace_id JOIN metadef_resource_types t ON t.id = a.resource_type_id
            """,
            "SELECT 'property', n.namespace, p.name, p.json_schema FROM metadef_properties p JOIN metadef_namespaces n ON n.id = p.namespace_id",
            "SELECT 'object', n.namespace, o.name, o.description, o.required, o.json_schema FROM metadef_objects o JOIN metadef_namespaces n ON n.id = o.namespace_id",
            "SELECT 'tag', n.namespace, t.name FROM metadef_tags t JOIN metadef_namespaces n ON n.id = t.namespace_id",
        ]
        return try queries.flatMap { sql in
            try database.query(sql).map { $0.values.map(\.description).joined(separator: " | ") }
        }.sorted()
    }

    /// Rows per metadef table.
    public static func counts(_ database: any Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["metadef_namespaces", "metadef_resource_types", "metadef_namespace_resource_types",
                      "metadef_properties", "metadef_objects", "metadef_tags"] {
            counts[table] = Int(try database.query("SELECT COUNT(*) AS n FROM \(table)").first?["n"].intValue ?? -1)
        }
        return counts
    }
}
