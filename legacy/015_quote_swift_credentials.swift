import DatabaseCore
import MigrationEngine

extension LegacyScripts {
    /// `015_quote_swift_credentials.py`: rewrites swift locations with URL-quoted credentials
    /// (`swift://acct:usr:pass@host/c/o` becomes `swift://acct%3Ausr:pass@host/c/o`). Glance aborts halfway on
    /// the first location it cannot parse; here every location is parsed first and a bad one refuses the whole
    /// upgrade before anything changes. Messages name the image, never the location (it holds credentials).
    static let v015 = LegacyScript(15, "quote_swift_credentials", precondition: { database in
        for row in try swiftLocations(database) {
            if case .failure(let reason) = SwiftLocation.quoted(row.location) {
                return "legacy 015 cannot quote the swift credentials of image \(row.id): \(reason); correct that location first"
            }
        }
        return nil
    }, data: { database in
        for row in try swiftLocations(database) {
            guard case .success(let quoted) = SwiftLocation.quoted(row.location), quoted != row.location else { continue }
            try database.execute("UPDATE images SET location = ? WHERE id = ?", [.text(quoted), row.idValue])
        }
    })

    static func swiftLocations(_ database: any Database) throws -> [(id: String, idValue: SQLValue, location: String)] {
        guard try columnExists(database, "images", "location") else { return [] }
        return try database.query("SELECT id, location FROM images WHERE location LIKE 'swift%'").compactMap { row in
            guard let location = row["location"].stringValue else { return nil }
            return (row["id"].description, row["id"], location)
        }
    }
}

/// Glance's `legacy_parse_uri(uri, to_quote=True)` for swift URIs (spec §1.4).
enum SwiftLocation {
    static func quoted(_ uri: String) -> Result<String, ParseFailure> {
        let schemeParts = uri.split(separator: "://", omittingEmptySubsequences: false)
        guard schemeParts.count == 2 else { return .failure(.init("it contains more than one scheme")) }
        let scheme = String(schemeParts[0])
        guard ["swift", "swift+http", "swift+https"].contains(scheme) else {
            return .failure(.init("unacceptable scheme '\(scheme)'"))
        }
        var rest = String(schemeParts[1])
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = String(rest[..<cut]) }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var netloc = String(rest[..<slash])
        let path = String(rest[slash...]).drop { $0 == "/" }
        var credentials: String?
        if netloc.contains("@") {
            let parts = netloc.split(separator: "@", omittingEmptySubsequences: false)
            // Python's `creds, netloc = netloc.split('@')` raises on a second '@'.
            guard parts.count == 2 else { return .failure(.init("its credentials contain more than one '@'")) }
            credentials = String(parts[0])
            netloc = String(parts[1])
        }
        var user: String?
        var key: String?
        if let credentials {
            let pieces = credentials.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count > 1 else { return .failure(.init("badly formed credentials")) }
            if pieces.count == 3 {
                user = pieces[0] + ":" + pieces[1]
                key = pieces[2]
            } else {
                user = pieces[0]
                key = pieces[pieces.count - 1]
            }
        }
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 2, let object = segments.popLast(), let container = segments.popLast() else {
            return .failure(.init("it names no container and object"))
        }
        guard !netloc.hasPrefix("http") else { return .failure(.init("its authentication URL is not understood")) }
        var authURL = ([netloc] + segments).joined(separator: "/")
        for prefix in ["http://", "https://"] where authURL.hasPrefix(prefix) { authURL.removeFirst(prefix.count) }
        let credentialPart = (user != nil && key != nil) ? "\(quote(user!)):\(quote(key!))@" : ""
        return .success("\(scheme)://\(credentialPart)\(authURL)/\(container)/\(object)")
    }

    /// `urllib.parse.quote(s)` with its default `safe='/'`.
    static func quote(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let c = Character(UnicodeScalar(byte))
            if (c.isASCII && (c.isLetter || c.isNumber)) || "_.-~/".contains(c) {
                result.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    struct ParseFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
