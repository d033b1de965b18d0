/// The shortest decimal text that reads back as the same `Double`, for the numbers data files
/// are mostly made of, at a few nanoseconds a value instead of the ~100 ns of Swift's general
/// shortest formatting (`description`), which it equals digit for digit.
///
/// ``append(_:to:)`` writes a whole number below 2⁵³ as an integer (`3`, `-12`, `-0`), and a value
/// of magnitude in [0.001, 10¹³) with at most 9 fraction digits in fixed notation (`0.25`,
/// `-1.234567`, `123.45000000000002` is *not* one of them: it needs 14 fraction digits). For other
/// values it returns false and writes nothing, and the caller falls back to `description`.
///
/// Why it is exact: for `p` = 1, 2, … it rounds `|x| · 10ᵖ` to an integer `k` and accepts the
/// first `p` for which `Double(k) / 10ᵖ == |x|` — one correctly rounded division, which is what
/// reading the text `k·10⁻ᵖ` gives, so the text reads back as `x`. While `|x| · 10ᵖ < 2⁴³`, an ulp
/// of `|x|` is under 2⁻¹⁰ of a unit in the `p`-th decimal, so if any `p`-decimal reads back as `x`
/// the rounded product is that decimal (the nearest one); the first `p` that works is therefore
/// the fewest fraction digits, hence the fewest significant digits, and the digits are the
/// nearest to `x` among those — the same choice Swift's `description` makes.
public enum ShortestDecimal {
    private static let powersOfTen: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]
    private static let integerPowers: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    ]

    /// Appends the shortest text of `x` that reads back as `x` to `bytes` and returns true, or
    /// returns false (appending nothing) for NaN, infinities, and values outside the fast forms
    /// (see the type's documentation).
    @inline(__always)
    public static func append(_ x: Double, to bytes: inout [UInt8]) -> Bool {
        let magnitude = x.magnitude
        if magnitude < 9_007_199_254_740_992, x == x.rounded(.towardZero) {
            if x.sign == .minus { bytes.append(UInt8(ascii: "-")) }
            appendDigits(UInt64(magnitude), to: &bytes)
            return true
        }
        return appendFraction(x, to: &bytes)
    }

    /// ``append(_:to:)`` for values that are not whole numbers: the fixed-notation form only
    /// (a whole number returns false, so a caller can write it its own way, e.g. `3.0`).
    @inline(__always)
    public static func appendFraction(_ x: Double, to bytes: inout [UInt8]) -> Bool {
        let magnitude = x.magnitude
        guard magnitude >= 0.001, magnitude < 1e13, x != x.rounded(.towardZero) else { return false }
        return powersOfTen.withUnsafeBufferPointer { scales in
            for p in 1..<scales.count {
                let scaled = magnitude * scales[p]
                if scaled >= 8_796_093_022_208 { return false }  // 2⁴³
                let k = scaled.rounded()
                if k / scales[p] == magnitude {
                    if x.sign == .minus { bytes.append(UInt8(ascii: "-")) }
                    let digits = UInt64(k)
                    let unit = integerPowers[p]
                    appendDigits(digits / unit, to: &bytes)
                    bytes.append(UInt8(ascii: "."))
                    var fraction = digits % unit
                    var divisor = unit / 10
                    while divisor > 0 {
                        bytes.append(UInt8(truncatingIfNeeded: 0x30 &+ fraction / divisor))
                        fraction %= divisor
                        divisor /= 10
                    }
                    return true
                }
            }
            return false
        }
    }

    /// Appends the decimal digits of `value`.
    @inline(__always)
    public static func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
        if value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 &+ value))
            return
        }
        var divisor: UInt64 = 10
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 &+ rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
