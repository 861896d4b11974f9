/// A stable identifier of a schema: FNV-1a (64 bit) over its sorted fact lines, printed as 16 hex digits.
/// It identifies, it does not authenticate; the full `factLines` are kept beside it for diffs.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public let value: UInt64

    public init(_ schema: Schema) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for line in schema.factLines {
            for byte in line.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0x0a
            hash = hash &* 0x0000_0100_0000_01b3
        }
        value = hash
    }

    public var description: String { value.zeroPadded(16, radix: 16) }
}

extension BinaryInteger {
    /// The number in `radix` (lowercase digits), left-padded with zeros to `width` digits:
    /// `7.zeroPadded(3)` is `"007"`.
    public func zeroPadded(_ width: Int, radix: Int = 10) -> String {
        let digits = String(self, radix: radix)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
