import MLCore

/// Locale-free number formatting for reports (no Foundation `String(format:)`).
enum _Format {
    /// `x` with exactly `digits` decimals (see ``_DecimalText/fixed(_:_:)``).
    static func fixed(_ x: Double, _ digits: Int) -> String { _DecimalText.fixed(x, digits) }

    /// `x` as a signed percentage with `digits` decimals (`0.0123` → `"+1.23%"`).
    static func percent(_ x: Double, _ digits: Int = 2) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : "\(x)" }
        let body = fixed(x * 100, digits)
        return (x >= 0 && !body.hasPrefix("-") ? "+" : "") + body + "%"
    }

    /// A compact general form: fixed with `digits` significant-ish decimals for ordinary
    /// magnitudes, scientific (`1.2e-07`) for tiny ones, `0` for zero.
    static func general(_ x: Double, _ digits: Int = 4) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : "\(x)" }
        if x == 0 { return "0" }
        let a = abs(x)
        if a >= 1e-3 && a < 1e9 { return trimmed(fixed(x, a >= 100 ? 1 : digits)) }
        var exponent = 0
        var m = a
        while m >= 10 { m /= 10; exponent += 1 }
        while m < 1 { m *= 10; exponent -= 1 }
        let mantissa = trimmed(fixed(m, 2))
        let sign = x < 0 ? "-" : ""
        let e = exponent < 0 ? "-" + pad(-exponent) : "+" + pad(exponent)
        return sign + mantissa + "e" + e
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    /// Left-aligns `s` in `width` characters.
    static func padded(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
