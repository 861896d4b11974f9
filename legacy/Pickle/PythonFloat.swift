/// Python's `float.__repr__` (CPython `PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0)`): the shortest
/// digits that read back as the same double, in positional form while the decimal point lies between
/// -4 and 16 digits from the first digit, otherwise as `d.ddde±XX`.
enum PythonFloat {
    /// `json.dumps`'s form: the repr, or `NaN`, `Infinity`, `-Infinity`.
    static func jsonText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return repr(number)
    }

    static func repr(_ number: Double) -> String {
        let sign = number.sign == .minus ? "-" : ""
        guard number != 0 else { return sign + "0.0" }
        // Swift's description also prints the shortest round-trip digits; only the layout differs.
        let (digits, point) = shortestDigits(number.magnitude)
        let count = digits.count
        if point <= -4 || point > 16 {
            let exponent = point - 1
            let mantissa = count == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
            let exponentDigits = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exponentDigits
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= count { return sign + digits + String(repeating: "0", count: point - count) + ".0" }
        return sign + String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
    }

    /// Digits without leading or trailing zeros, and where the decimal point goes: the value is
    /// `0.digits × 10^point`.
    static func shortestDigits(_ magnitude: Double) -> (digits: String, point: Int) {
        let text = magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = String(mantissa[0]), fractionPart = mantissa.count == 2 ? String(mantissa[1]) : ""
        var digits = Substring(integerPart + fractionPart)
        var point = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (String(digits), point)
    }
}
