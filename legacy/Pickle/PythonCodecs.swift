/// The three decoders Python's unpickler applies to text opcodes, ported from CPython 3.11
/// (`Objects/bytesobject.c`, `Objects/unicodeobject.c`). Each returns nil or throws where Python raised.

/// `str(data, 'utf-8', 'surrogatepass')` (`BINUNICODE`, `SHORT_BINUNICODE`, `BINUNICODE8`): strict UTF-8,
/// except that encoded surrogates (`ED A0 80` to `ED BF BF`) are code points, as Python 2 wrote them for
/// characters outside the BMP on narrow builds.
enum SurrogatePassUTF8 {
    static func decode(_ bytes: [UInt8]) -> [UInt32]? {
        var result: [UInt32] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int, minimum: UInt32
            var value: UInt32
            switch lead {
            case 0x00...0x7F: result.append(UInt32(lead)); index += 1; continue
            case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(lead & 0x07)
            default: return nil
            }
            guard index + length <= bytes.count else { return nil }
            for offset in 1..<length {
                let continuation = bytes[index + offset]
                guard continuation & 0xC0 == 0x80 else { return nil }
                value = value << 6 | UInt32(continuation & 0x3F)
            }
            guard value >= minimum, value <= 0x10FFFF else { return nil }
            result.append(value)
            index += length
        }
        return result
    }
}

/// `codecs.escape_decode` (`STRING`'s quoted argument): Python string-literal escapes in bytes.
enum EscapeDecode {
    static func decode(_ bytes: [UInt8]) throws -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == 0x5C else { result.append(byte); continue }
            guard index < bytes.count else { throw PickleRefusal("it has a STRING ending in a backslash") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case 0x0A: break  // backslash-newline: nothing
            case 0x5C, 0x27, 0x22: result.append(escape)
            case 0x62: result.append(0x08)  // \b
            case 0x66: result.append(0x0C)  // \f
            case 0x74: result.append(0x09)  // \t
            case 0x6E: result.append(0x0A)  // \n
            case 0x72: result.append(0x0D)  // \r
            case 0x76: result.append(0x0B)  // \v
            case 0x61: result.append(0x07)  // \a
            case 0x30...0x37:
                var value = Int(escape - 0x30)
                for _ in 0..<2 where index < bytes.count && (0x30...0x37).contains(bytes[index]) {
                    value = value * 8 + Int(bytes[index] - 0x30)
                    index += 1
                }
                guard value <= 0xFF else { throw PickleRefusal("it has a STRING with an octal escape beyond a byte") }
                result.append(UInt8(value))
            case 0x78:
                guard index + 2 <= bytes.count, let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1])
                else { throw PickleRefusal("it has a STRING with an invalid \\x escape") }
                result.append(high << 4 | low)
                index += 2
            default:
                // An unknown escape keeps its backslash.
                result.append(0x5C)
                index -= 1
            }
        }
        return result
    }
}

/// `str(data, 'raw-unicode-escape')` (`UNICODE`'s line): bytes are Latin-1 code points, except `\uXXXX` and
/// `\UXXXXXXXX` after an odd number of backslashes.
enum RawUnicodeEscape {
    static func decode(_ bytes: [UInt8]) throws -> [UInt32] {
        var result: [UInt32] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x5C else { result.append(UInt32(bytes[index])); index += 1; continue }
            var backslashes = 0
            while index < bytes.count, bytes[index] == 0x5C {
                result.append(0x5C)
                backslashes += 1
                index += 1
            }
            guard backslashes % 2 == 1, index < bytes.count, bytes[index] == 0x75 || bytes[index] == 0x55 else {
                continue
            }
            result.removeLast()
            let digits = bytes[index] == 0x75 ? 4 : 8
            index += 1
            guard index + digits <= bytes.count else { throw PickleRefusal("it has a truncated \\u escape") }
            var value: UInt32 = 0
            for offset in 0..<digits {
                guard let digit = hexValue(bytes[index + offset]) else {
                    throw PickleRefusal("it has a truncated \\u escape")
                }
                value = value << 4 | UInt32(digit)
            }
            guard value <= 0x10FFFF else { throw PickleRefusal("it has a \\U escape out of range") }
            result.append(value)
            index += digits
        }
        return result
    }
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: return byte - 0x30
    case 0x41...0x46: return byte - 0x41 + 10
    case 0x61...0x66: return byte - 0x61 + 10
    default: return nil
    }
}
