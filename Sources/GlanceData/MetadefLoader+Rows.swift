import DatabaseCore

/// The rows of one namespace file, following Glance's `_populate_metadata` step by step: namespace, resource
/// types and their associations, properties, objects, tags; each inserted when missing and updated only with
/// `prefer_new`. Runs inside the file's transaction.
extension MetadefLoader {
    /// - Returns: false when the namespace exists and `merge` is off (Glance skips the file).
    func write(_ document: MetadefDocument, options: MetadefLoadOptions) throws -> Bool {
        let stamp = SQLValue.text(SQLTimestamp.text(now))
        let namespace = SQLValue.text(document.namespace)
        var namespaceID = try id("SELECT id FROM metadef_namespaces WHERE namespace = ?", [namespace])
        if let existing = namespaceID, options.overwrite {
            log(.info, "Overwriting namespace \(document.namespace)")
            try clearNamespace(existing)
            namespaceID = nil
        }
        let values: [(String, SQLValue)] = [
            ("namespace", namespace), ("display_name", text(document.displayName)),
            ("description", text(document.description)), ("visibility", text(document.visibility)),
            ("protected", document.isProtected.map(boolean) ?? .null), ("owner", .text(document.owner)),
        ]
        if let existing = namespaceID {
            guard options.merge else {
                log(.info, "Skipping namespace \(document.namespace). It already exists in the database.")
                return false
            }
            if options.preferNew { try update("metadef_namespaces", values + [("updated_at", stamp)], where: [("id", existing)]) }
        } else {
            try insert("metadef_namespaces", values + [("created_at", stamp)])
            namespaceID = try id("SELECT id FROM metadef_namespaces WHERE namespace = ?", [namespace])
        }
        guard let namespaceID else { preconditionFailure("the namespace row was just inserted") }

        for association in document.resourceTypeAssociations {
            let name = SQLValue.text(association.name)
            let resourceTypeID: SQLValue
            if let existing = try id("SELECT id FROM metadef_resource_types WHERE name = ?", [name]) {
                resourceTypeID = existing
                if options.preferNew { try update("metadef_resource_types", [("updated_at", stamp)], where: [("id", existing)]) }
            } else {
                // Glance marks resource types it creates while loading as protected.
                try insert("metadef_resource_types", [("name", name), ("protected", boolean(true)), ("created_at", stamp)])
                resourceTypeID = try id("SELECT id FROM metadef_resource_types WHERE name = ?", [name])!
            }
            let key: [(String, SQLValue)] = [("resource_type_id", resourceTypeID), ("namespace_id", namespaceID)]
            let fields: [(String, SQLValue)] = [("properties_target", text(association.propertiesTarget)),
                                                ("prefix", text(association.prefix))]
            let exists = try !database.query(
                "SELECT 1 FROM metadef_namespace_resource_types WHERE resource_type_id = ? AND namespace_id = ?",
                key.map(\.1)).isEmpty
            if !exists {
                try insert("metadef_namespace_resource_types", key + fields + [("created_at", stamp)])
            } else if options.preferNew {
                try update("metadef_namespace_resource_types", fields + [("updated_at", stamp)], where: key)
            }
        }
        for property in document.properties {
            try upsert("metadef_properties", namespaceID: namespaceID, name: property.key,
                       [("json_schema", .text(property.value.pythonJSON()))], stamp: stamp, options: options)
        }
        for object in document.objects {
            try upsert("metadef_objects", namespaceID: namespaceID, name: object.name, [
                ("description", text(object.description)),
                ("required", object.required.isEmpty ? .null : .text(object.required.joined(separator: ","))),
                ("json_schema", .text(object.properties.pythonJSON())),
            ], stamp: stamp, options: options)
        }
        for tag in document.tags {
            try upsert("metadef_tags", namespaceID: namespaceID, name: tag, [], stamp: stamp, options: options)
        }
        return true
    }

    /// Glance's `_clear_namespace_metadata`: the namespace's children, then the namespace.
    private func clearNamespace(_ namespaceID: SQLValue) throws {
        for table in MetadefTables.clearingOrder.prefix(4) {
            try database.execute("DELETE FROM \(table) WHERE namespace_id = ?", [namespaceID])
        }
        try database.execute("DELETE FROM metadef_namespaces WHERE id = ?", [namespaceID])
    }

    /// A row keyed by `(namespace_id, name)`: inserted when missing, updated only with `prefer_new`.
    private func upsert(_ table: String, namespaceID: SQLValue, name: String, _ fields: [(String, SQLValue)],
                        stamp: SQLValue, options: MetadefLoadOptions) throws {
        let existing = try id("SELECT id FROM \(table) WHERE namespace_id = ? AND name = ?", [namespaceID, .text(name)])
        if let existing {
            if options.preferNew { try update(table, [("name", .text(name))] + fields + [("updated_at", stamp)], where: [("id", existing)]) }
        } else {
            try insert(table, [("namespace_id", namespaceID), ("name", .text(name))] + fields + [("created_at", stamp)])
        }
    }

    private func id(_ sql: String, _ parameters: [SQLValue]) throws -> SQLValue? {
        try database.query(sql, parameters).first?["id"]
    }

    private func insert(_ table: String, _ values: [(String, SQLValue)]) throws {
        let columns = values.map(\.0).joined(separator: ", ")
        let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
        try database.execute("INSERT INTO \(table) (\(columns)) VALUES (\(marks))", values.map(\.1))
    }

    private func update(_ table: String, _ values: [(String, SQLValue)], where key: [(String, SQLValue)]) throws {
        let assignments = values.map { "\($0.0) = ?" }.joined(separator: ", ")
        let condition = key.map { "\($0.0) = ?" }.joined(separator: " AND ")
        try database.execute("UPDATE \(table) SET \(assignments) WHERE \(condition)", values.map(\.1) + key.map(\.1))
    }

    private func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }

    /// 1/0 is a boolean on both backends: SQLite stores the integer, PostgreSQL reads the text `1` as true.
    private func boolean(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}
