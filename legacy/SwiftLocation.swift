/// Glance's `legacy_parse_uri(uri, to_quote=True)`, which 015 runs on every swift location and 017 on every
/// decrypted one (017 carries an identical copy that re-encrypts the result; spec §1.4).
///
/// Python's `urllib.parse.urlparse` is part of the algorithm, so its rules are ported too: the scheme is
/// lower-cased (`SWIFT://…` comes out as `swift://…`), tab, CR and LF are removed anywhere, the netloc ends at
/// the first `/`, `?` or `#`, and a netloc Python rejects (unbalanced brackets, characters that become
/// `@`, `:`, `/`, `?` or `#` under NFKC) is a failure, because there Glance stopped with a `ValueError`.
/// Everything works on Unicode scalars, as Python's `str` does, never on Swift's grapheme clusters.
enum SwiftLocation {
    typealias Text = [Unicode.Scalar]

    static func quoted(_ uri: String) -> Result<String, ParseFailure> {
        let text = Text(uri.unicodeScalars)
        guard text.occurrences(of: "://") == 1 else { return .failure(.init("it contains more than one scheme")) }
        let parts: URLParts
        switch URLParts.parse(text) {
        case .success(let parsed): parts = parsed
        case .failure(let failure): return .failure(failure)
        }
        guard ["swift", "swift+http", "swift+https"].contains(String(scalars: parts.scheme)) else {
            return .failure(.init("unacceptable scheme '\(String(scalars: parts.scheme))'"))
        }
        var netloc = parts.netloc
        var path = parts.path.drop(while: { $0 == "/" }).map { $0 }
        var credentials: Text?
        if !netloc.isEmpty {
            if netloc.contains("@") {
                // Python's `creds, netloc = netloc.split('@')` raises on a second '@'.
                let pieces = netloc.split(on: "@")
                guard pieces.count == 2 else { return .failure(.init("its credentials contain more than one '@'")) }
                credentials = pieces[0]
                netloc = pieces[1]
            }
        } else {
            // The Python 2.6 form `swift:///user:key@host/path` (lp659445, Python issue 7904): credentials and
            // host sit in the path. `find` is -1 without a '/', so `path[0:-1]` drops the last character and
            // `path[-1:]` keeps only it; ported as written.
            if path.contains("@") {
                let pieces = path.split(on: "@")
                guard pieces.count == 2 else { return .failure(.init("its credentials contain more than one '@'")) }
                credentials = pieces[0]
                path = pieces[1]
            }
            let slash = path.firstIndex(of: "/") ?? Swift.max(0, path.count - 1)
            netloc = Text(path[..<slash]).stripping("/")
            path = Text(path[slash...]).stripping("/")
        }
        var user: Text?
        var key: Text?
        if let credentials, !credentials.isEmpty {
            let pieces = credentials.split(on: ":")
            guard pieces.count > 1 else { return .failure(.init("badly formed credentials")) }
            user = pieces.count == 3 ? pieces[0] + [":"] + pieces[1] : pieces[0]
            key = pieces[pieces.count - 1]
        }
        var segments = path.split(on: "/")
        let object = segments.removeLast()
        guard let container = segments.popLast() else { return .failure(.init("it names no container and object")) }
        // With a netloc starting 'http' Glance never assigns the auth URL and fails with a NameError.
        guard !netloc.starts(with: Text("http".unicodeScalars)) else {
            return .failure(.init("its authentication URL is not understood"))
        }
        var authURL = ([netloc] + segments).joined(separator: "/")
        if authURL.starts(with: Text("http://".unicodeScalars)) {
            authURL.removeFirst(7)
        } else if authURL.starts(with: Text("https://".unicodeScalars)) {
            authURL.removeFirst(8)
        }
        var credentialPart = ""
        if let user, let key, !user.isEmpty, !key.isEmpty {
            credentialPart = "\(quote(user)):\(quote(key))@"
        }
        let pieces = [authURL, container, object].map { String(scalars: $0.stripping("/")) }
        return .success("\(String(scalars: parts.scheme))://\(credentialPart)" + pieces.joined(separator: "/"))
    }

    /// `urllib.parse.quote(s)` with its default `safe='/'`: UTF-8, letters, digits and `_.-~/` kept.
    static func quote(_ text: Text) -> String {
        var result = ""
        for byte in String(scalars: text).utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.isASCIIAlphanumeric || "_.-~/".unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "%" + Int(byte).zeroPadded(2, radix: 16).uppercased()
            }
        }
        return result
    }

    struct ParseFailure: Error, CustomStringConvertible, Equatable {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

extension String {
    init(scalars: SwiftLocation.Text) {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        self = text
    }
}

extension Array where Element == Unicode.Scalar {
    /// Python's `str.count`: non-overlapping occurrences, left to right.
    func occurrences(of needle: String) -> Int {
        let pattern = Array(needle.unicodeScalars)
        var count = 0, index = startIndex
        while index + pattern.count <= endIndex {
            if Array(self[index..<index + pattern.count]) == pattern {
                count += 1
                index += pattern.count
            } else {
                index += 1
            }
        }
        return count
    }

    /// Python's `str.split(sep)`: empty pieces kept.
    func split(on separator: Unicode.Scalar) -> [[Unicode.Scalar]] {
        split(separator: separator, omittingEmptySubsequences: false).map(Array.init)
    }

    /// Python's `str.strip(chars)`.
    func stripping(_ character: Unicode.Scalar) -> [Unicode.Scalar] {
        Array(drop(while: { $0 == character }).reversed().drop(while: { $0 == character }).reversed())
    }
}

extension Array where Element == [Unicode.Scalar] {
    func joined(separator: Unicode.Scalar) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for (offset, piece) in enumerated() {
            if offset > 0 { result.append(separator) }
            result += piece
        }
        return result
    }
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
