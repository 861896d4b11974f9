/// A Python `int` of any size (pickle's `LONG1`/`LONG4` and protocol 0's `L…L` carry Python 2 longs beyond
/// 64 bits), kept as sign and magnitude in 32-bit limbs, least significant first, with no leading zero limb.
struct PythonInteger: Hashable, CustomStringConvertible {
    private(set) var isNegative: Bool
    private(set) var limbs: [UInt32]

    init(_ value: Int64) {
        isNegative = value < 0
        let magnitude = value.magnitude
        limbs = [UInt32(truncatingIfNeeded: magnitude), UInt32(truncatingIfNeeded: magnitude >> 32)]
        normalize()
    }

    /// Little-endian two's complement, as `LONG1` and `LONG4` store it (`pickle.encode_long`).
    init(twosComplement bytes: [UInt8]) {
        let negative = (bytes.last ?? 0) & 0x80 != 0
        // The magnitude of a negative number is the complement plus one.
        var magnitude = negative ? bytes.map { ~$0 } : bytes
        if negative {
            for index in magnitude.indices {
                magnitude[index] &+= 1
                if magnitude[index] != 0 { break }
            }
        }
        var limbs = [UInt32](repeating: 0, count: (magnitude.count + 3) / 4)
        for (index, byte) in magnitude.enumerated() { limbs[index / 4] |= UInt32(byte) << (8 * (index % 4)) }
        self.isNegative = negative
        self.limbs = limbs
        normalize()
    }

    /// Python's `int(text)` for what pickle writes: optional sign and decimal digits (a single `0` or no
    /// leading zero, as `int(text, 0)` demands), surrounding whitespace allowed.
    init?(decimal text: Substring) {
        var digits = text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
            .map { $0 }
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits.removeFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        guard digits.first != "0" || digits.allSatisfy({ $0 == "0" }) else { return nil }
        isNegative = negative
        limbs = []
        for digit in digits { multiply(by: 10, adding: UInt32(digit.asciiValue! - 48)) }
        normalize()
    }

    /// The integer a float equals exactly, or nil when it has a fraction or is not finite.
    init?(exactly number: Double) {
        guard number.isFinite, number == number.rounded(.towardZero) else { return nil }
        isNegative = number < 0
        limbs = []
        // significand × 2^exponent, built by shifting.
        let significand = number.significandBitPattern | (number.isNormal ? 1 << 52 : 0)
        var exponent = Int(number.exponentBitPattern) - 1075
        if !number.isNormal { exponent += 1 }
        var value = significand
        if exponent < 0 {
            value >>= UInt64(-exponent)
            exponent = 0
        }
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        for _ in 0..<exponent { multiply(by: 2, adding: 0) }
        normalize()
    }

    var isZero: Bool { limbs.isEmpty }

    /// `int.__repr__`.
    var description: String {
        guard !isZero else { return "0" }
        var remaining = limbs
        var chunks: [UInt32] = []
        while !remaining.isEmpty {
            var carry: UInt64 = 0
            for index in remaining.indices.reversed() {
                let current = carry << 32 | UInt64(remaining[index])
                remaining[index] = UInt32(current / 1_000_000_000)
                carry = current % 1_000_000_000
            }
            chunks.append(UInt32(carry))
            while remaining.last == 0 { remaining.removeLast() }
        }
        var text = isNegative ? "-" : ""
        text += String(chunks.last!)
        for chunk in chunks.dropLast().reversed() { text += Int(chunk).zeroPadded(9) }
        return text
    }

    private mutating func multiply(by factor: UInt32, adding addend: UInt32) {
        var carry = UInt64(addend)
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    private mutating func normalize() {
        while limbs.last == 0 { limbs.removeLast() }
        if limbs.isEmpty { isNegative = false }
    }
}
