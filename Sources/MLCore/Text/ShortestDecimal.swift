/// The shortest decimal text that reads back as the same `Double`, for the numbers data files
/// are mostly made of, at a few nanoseconds a value instead of the ~100 ns of Swift's general
/// shortest formatting (`description`), which it equals digit for digit.
///
/// ``append(_:to:)`` writes a whole number below 2⁵³ as an integer (`3`, `-12`, `-0`), and a value
/// of magnitude in [0.001, 10¹³) with at most 9 fraction digits in fixed notation (`0.25`,
/// `-1.234567`, `123.45000000000002` is *not* one of them: it needs 14 fraction digits). For other
/// values it returns false and writes nothing, and the caller falls back to `description`.
///
/// Why it is exact: take the most fraction digits `p` ≤ 9 with `|x| · 10ᵖ < 2⁴³`, round
/// `|x| · 10ᵖ` to an integer `k`, and accept when `Double(k) / 10ᵖ == |x|` — one correctly
/// rounded division, which is what reading the text `k·10⁻ᵖ` gives, so the text reads back as
/// `x`. Below 2⁴³ an ulp of `|x|` is under 2⁻¹⁰ of a unit in the `p`-th decimal, so if any decimal
/// with `p` or fewer fraction digits reads back as `x`, it is (padded with zeros) the rounded
/// product `k`; dropping `k`'s trailing zeros therefore gives the fewest fraction digits, hence the
/// fewest significant digits, and the digits nearest to `x` among those — the same choice Swift's
/// `description` makes. When the check fails no such decimal exists and the caller falls back.
public enum ShortestDecimal {

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
        // The most fraction digits p ≤ 9 with |x| · 10ᵖ < 2⁴³; if x has a decimal of p digits or
        // fewer that reads back, the nearest p-digit decimal is it (padded with zeros), so one
        // check at p decides, and the trailing zeros give the shortest.
        var p = 9
        while p > 0, magnitude * scale(p) >= 8_796_093_022_208 { p -= 1 }
        guard p > 0 else { return false }
        let k = (magnitude * scale(p)).rounded()
        guard k / scale(p) == magnitude else { return false }
        var digits = UInt64(k)
        while p > 1, digits % 10 == 0 {
            digits /= 10
            p -= 1
        }
        // Right to left into a stack buffer: p fraction digits, the point, the integer digits
        // (at least one), the sign; then one append.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var at = 32
            var rest = digits
            for _ in 0..<p {
                at -= 1
                buffer[at] = UInt8(truncatingIfNeeded: 0x30 &+ rest % 10)
                rest /= 10
            }
            at -= 1
            buffer[at] = UInt8(ascii: ".")
            repeat {
                at -= 1
                buffer[at] = UInt8(truncatingIfNeeded: 0x30 &+ rest % 10)
                rest /= 10
            } while rest > 0
            if x.sign == .minus {
                at -= 1
                buffer[at] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[at..<32]))
        }
        return true
    }

    /// 10ᵖ for p in 0...9 (exact doubles).
    @inline(__always)
    private static func scale(_ p: Int) -> Double { _DecimalConversion.exactPowerOfTen(p) }

    /// Appends the decimal digits of `value`.
    @inline(__always)
    public static func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
        appendDigits(value, width: 1, to: &bytes)
    }

    /// Appends the decimal digits of `value`, padded with leading zeros to at least `width`
    /// (≤ 20) digits. Digits come out last first by constant divisions (multiplications), not by
    /// a division per digit by a varying power of ten.
    @inline(__always)
    static func appendDigits(_ value: UInt64, width: Int, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var rest = value
            var n = 0
            repeat {
                buffer[19 - n] = UInt8(truncatingIfNeeded: 0x30 &+ rest % 10)
                rest /= 10
                n += 1
            } while rest > 0 || n < width
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[(20 - n)..<20]))
        }
    }
}
