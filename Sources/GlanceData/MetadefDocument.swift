/// One namespace file in Glance's metadef format (`etc/metadefs/*.json`), checked before anything is written.
///
/// Glance reads the same keys (`glance/db/sqlalchemy/metadata.py`, `_populate_metadata`) but checks nothing,
/// so a file with a missing `namespace` or a non-list `objects` crashes it half-way. Here such a file is
/// rejected as a whole, with the reason.
public struct MetadefDocument: Sendable, Equatable {
    public struct Association: Sendable, Equatable {
        public var name: String
        public var prefix: String?
        public var propertiesTarget: String?
    }

    public struct Object: Sendable, Equatable {
        public var name: String
        public var description: String?
        /// Stored comma-joined, as Glance's API does (`_format_metadef_object_to_db`); Glance's loader drops it.
        public var required: [String]
        /// Stored as `json.dumps(object.get('properties'))`, so a missing value is the text `null`.
        public var properties: JSONValue
    }

    public var namespace: String
    public var displayName: String?
    public var description: String?
    public var visibility: String?
    public var isProtected: Bool?
    public var owner: String
    public var resourceTypeAssociations: [Association]
    public var properties: [JSONValue.Member]
    public var objects: [Object]
    public var tags: [String]
}

/// Why a metadef file does not have the expected shape.
public struct MetadefFormatError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension MetadefDocument {
    /// Reads a parsed file.
    /// - Throws: `MetadefFormatError` for a missing namespace or a value of the wrong type.
    public init(_ json: JSONValue) throws {
        guard case .object = json else { throw MetadefFormatError("the top level is not a JSON object") }
        guard case .string(let namespace)? = json["namespace"], !namespace.isEmpty else {
            throw MetadefFormatError("'namespace' is missing or not a non-empty string")
        }
        self.namespace = namespace
        displayName = try Self.optionalString(json, "display_name")
        description = try Self.optionalString(json, "description")
        visibility = try Self.optionalString(json, "visibility")
        switch json["protected"] {
        case nil, .null?: isProtected = nil
        case .bool(let value)?: isProtected = value
        default: throw MetadefFormatError("'protected' is not true, false or null")
        }
        // Glance: metadata.get('owner', 'admin'); a null owner would violate NOT NULL there.
        owner = try Self.optionalString(json, "owner") ?? "admin"

        resourceTypeAssociations = try Self.list(json, "resource_type_associations").map { item in
            Association(name: try Self.requiredString(item, "name", in: "resource_type_associations"),
                        prefix: try Self.optionalString(item, "prefix"),
                        propertiesTarget: try Self.optionalString(item, "properties_target"))
        }
        switch json["properties"] {
        case nil, .null?: properties = []
        case .object(let members)?: properties = members
        default: throw MetadefFormatError("'properties' is not an object")
        }
        objects = try Self.list(json, "objects").map { item in
            var required: [String] = []
            switch item["required"] {
            case nil, .null?: break
            case .array(let values)?:
                required = try values.map {
                    guard case .string(let name) = $0 else { throw MetadefFormatError("'required' of an object holds a non-string") }
                    return name
                }
            default: throw MetadefFormatError("'required' of an object is not a list")
            }
            return Object(name: try Self.requiredString(item, "name", in: "objects"),
                          description: try Self.optionalString(item, "description"),
                          required: required,
                          properties: item["properties"] ?? .null)
        }
        tags = try Self.list(json, "tags").map { try Self.requiredString($0, "name", in: "tags") }
    }

    private static func optionalString(_ json: JSONValue, _ key: String) throws -> String? {
        switch json[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw MetadefFormatError("'\(key)' is not a string")
        }
    }

    private static func requiredString(_ json: JSONValue, _ key: String, in list: String) throws -> String {
        guard case .string(let value)? = json[key] else {
            throw MetadefFormatError("an entry of '\(list)' has no string '\(key)'")
        }
        return value
    }

    private static func list(_ json: JSONValue, _ key: String) throws -> [JSONValue] {
        switch json[key] {
        case nil, .null?: return []
        case .array(let items)?:
            guard items.allSatisfy({ if case .object = $0 { true } else { false } }) else {
                throw MetadefFormatError("'\(key)' holds an entry that is not an object")
            }
            return items
        default: throw MetadefFormatError("'\(key)' is not a list")
        }
    }

    /// The file Glance's export format gives for this namespace (plus `owner` and each object's `required`,
    /// which Glance's export drops, so that export followed by load gives the same rows).
    public var json: JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .object([
            .init("namespace", .string(namespace)),
            .init("display_name", text(displayName)),
            .init("description", text(description)),
            .init("visibility", text(visibility)),
            .init("protected", isProtected.map(JSONValue.bool) ?? .null),
            .init("owner", .string(owner)),
            .init("resource_type_associations", .array(resourceTypeAssociations.map {
                .object([.init("name", .string($0.name)), .init("prefix", text($0.prefix)),
                         .init("properties_target", text($0.propertiesTarget))])
            })),
            .init("properties", .object(properties)),
            .init("objects", .array(objects.map {
                .object([.init("name", .string($0.name)), .init("description", text($0.description)),
                         .init("required", .array($0.required.map(JSONValue.string))),
                         .init("properties", $0.properties)])
            })),
            .init("tags", .array(tags.map { .object([.init("name", .string($0))]) })),
        ])
    }
}
