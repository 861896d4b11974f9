extension SwiftLocation {
    /// The parts of `urllib.parse.urlparse(uri)` that `legacy_parse_uri` reads, computed as CPython 3.11's
    /// `urlsplit` does (the release the reference runs used; the swift schemes take no `;params`).
    struct URLParts: Equatable {
        var scheme: Text
        var netloc: Text
        var path: Text

        static func parse(_ uri: Text) -> Result<URLParts, ParseFailure> {
            // `url.lstrip(_WHATWG_C0_CONTROL_OR_SPACE)`, then `_UNSAFE_URL_BYTES_TO_REMOVE`.
            var url = Text(uri.drop { $0.value <= 0x20 }).filter { !["\t", "\r", "\n"].contains($0) }
            var parts = URLParts(scheme: [], netloc: [], path: [])
            if let colon = url.firstIndex(of: ":"), colon > 0, url[0].isASCIILetter,
               url[..<colon].allSatisfy({ $0.isASCIIAlphanumeric || "+-.".unicodeScalars.contains($0) }) {
                parts.scheme = url[..<colon].map { $0.isASCIILetter ? $0.lowercased : $0 }
                url = Text(url[(colon + 1)...])
            }
            if url.starts(with: ["/", "/"]) {
                let rest = url.dropFirst(2)
                let end = rest.firstIndex { "/?#".unicodeScalars.contains($0) } ?? rest.endIndex
                parts.netloc = Text(rest[..<end])
                url = Text(rest[end...])
                if let failure = bracketFailure(parts.netloc) { return .failure(failure) }
            }
            if let hash = url.firstIndex(of: "#") { url = Text(url[..<hash]) }
            if let question = url.firstIndex(of: "?") { url = Text(url[..<question]) }
            if parts.netloc.contains(where: { nfkcBreaksNetloc.contains($0.value) }) {
                return .failure(.init("its host part has characters that NFKC normalisation turns into delimiters"))
            }
            parts.path = url
            return .success(parts)
        }

        /// `urlsplit` raises "Invalid IPv6 URL" for unbalanced brackets and, since 3.11.4, checks that a
        /// bracketed host is an IPv6 address (or IPvFuture). A password holding a bracket lands here.
        private static func bracketFailure(_ netloc: Text) -> ParseFailure? {
            let opens = netloc.contains("["), closes = netloc.contains("]")
            guard opens || closes else { return nil }
            let failure = ParseFailure("its host part has brackets that are not an IPv6 address")
            guard opens && closes, let open = netloc.firstIndex(of: "[") else { return failure }
            let afterOpen = netloc[(open + 1)...]
            let host = Text(afterOpen.prefix { $0 != "]" })
            if host.first == "v" {
                // `\Av[a-fA-F0-9]+\..+\Z`
                let body = host.dropFirst()
                guard let dot = body.firstIndex(of: "."), dot > body.startIndex,
                      body[..<dot].allSatisfy(\.properties.isASCIIHexDigit), dot + 1 < body.endIndex else {
                    return failure
                }
                return nil
            }
            return isIPv6(host) ? nil : failure
        }

        /// `ipaddress.ip_address(host)` being an `IPv6Address`: eight hex groups of 1-4 digits, one `::` at
        /// most, a dotted IPv4 tail allowed, and a `%scope` suffix (Python 3.9+).
        static func isIPv6(_ host: Text) -> Bool {
            var address = host
            if let percent = address.firstIndex(of: "%") {
                guard percent + 1 < address.endIndex else { return false }
                address = Text(address[..<percent])
            }
            let halves = String(scalars: address).splitOnDoubleColon()
            guard halves.count <= 2 else { return false }
            var groups = 0
            for (index, half) in halves.enumerated() where !half.isEmpty {
                let pieces = half.split(separator: ":", omittingEmptySubsequences: false)
                for (offset, piece) in pieces.enumerated() {
                    let isLast = index == halves.count - 1 && offset == pieces.count - 1
                    if isLast, piece.contains(".") {
                        let octets = piece.split(separator: ".", omittingEmptySubsequences: false)
                        guard octets.count == 4, octets.allSatisfy({ (1...3).contains($0.count)
                            && $0.allSatisfy(\.isASCIIDigit) && Int($0)! <= 255 }) else { return false }
                        groups += 2
                    } else {
                        guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit), piece.allSatisfy(\.isASCII)
                        else { return false }
                        groups += 1
                    }
                }
            }
            return halves.count == 2 ? groups < 8 : groups == 8
        }

        /// Code points whose NFKC form contains `/ ? # @ :` (Unicode 14, Python 3.11's `unicodedata`): a
        /// netloc holding one makes `urlsplit`'s `_checknetloc` raise.
        static let nfkcBreaksNetloc: Set<UInt32> = [
            0x2047, 0x2048, 0x2049, 0x2100, 0x2101, 0x2105, 0x2106, 0x2A74, 0xFE13, 0xFE16, 0xFE55, 0xFE56, 0xFE5F,
            0xFE6B, 0xFF03, 0xFF0F, 0xFF1A, 0xFF1F, 0xFF20,
        ]
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var lowercased: Unicode.Scalar { isASCIILetter ? Unicode.Scalar(value | 0x20)! : self }
}

extension String {
    /// `split("::")`, without Foundation.
    func splitOnDoubleColon() -> [Substring] {
        var pieces: [Substring] = [], start = startIndex, index = startIndex
        while index < endIndex {
            let next = self.index(after: index)
            if self[index] == ":", next < endIndex, self[next] == ":" {
                pieces.append(self[start..<index])
                index = self.index(after: next)
                start = index
            } else {
                index = next
            }
        }
        return pieces + [self[start...]]
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
