/// Correctly rounded conversion of scanned decimals to `Double`, `Float` and `Int`.
///
/// Written by hand because the standard library parses only from a `String` (one
/// allocation per field, several times slower); results are bit-identical to
/// `Double(_: String)` / `Float(_: String)`, which these functions fall back to in the rare
/// cases the fast algorithms cannot decide. Algorithms:
/// - Clinger's fast path: a mantissa `≤ 2⁵³` and `|exponent| ≤ 22` is exact in one IEEE
///   multiplication or division;
/// - Eisel–Lemire (Lemire, "Number parsing at a gigabyte per second", 2021): a 64×128-bit
///   product with the truncated power of five from ``_powersOfFive128``.
package enum _DecimalConversion {
    /// Powers of ten that are exact in `Double`.
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// 10^e for 0 ≤ e ≤ 22, every one exact in a `Double` (a switch over constants compiles to
    /// a table lookup: no array, no global accessor in inlined code).
    @inlinable @inline(__always)
    package static func exactPowerOfTen(_ e: Int) -> Double {
        switch e {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// The correctly rounded `Double` of `d`, or `nil` when it must be converted from the
    /// text by the standard library. The form for callers outside the CSV reader: Clinger's
    /// fast path inline, Eisel–Lemire out of line with the table it needs.
    @inlinable @inline(__always)
    package static func double(_ d: _ScannedDecimal) -> Double? {
        guard d.isExact else { return nil }
        if d.mantissa == 0 { return d.isNegative ? -0.0 : 0.0 }
        if d.exponent >= -22 && d.exponent <= 22 && d.mantissa <= 1 << 53 {
            var v = Double(d.mantissa)
            v = d.exponent < 0 ? v / exactPowerOfTen(-d.exponent) : v * exactPowerOfTen(d.exponent)
            return d.isNegative ? -v : v
        }
        return eiselLemireDouble(d)
    }

    /// The Eisel–Lemire step of ``double(_:)`` with the table of powers of five.
    @usableFromInline
    static func eiselLemireDouble(_ d: _ScannedDecimal) -> Double? {
        _powersOfFive128.withUnsafeBufferPointer { fives in
            guard let base = fives.baseAddress, let bits = eiselLemire(d.mantissa, d.exponent, base) else { return nil }
            return Double(bitPattern: bits | (d.isNegative ? 1 << 63 : 0))
        }
    }

    /// The correctly rounded `Double` of `d`, or `nil` when it must be converted from the
    /// text by the standard library (more than 19 significant digits, or an undecidable
    /// Eisel–Lemire case). The CSV reader's form, with both tables passed in once per chunk.
    @inline(__always)
    static func double(
        _ d: _ScannedDecimal, powersOfTen: UnsafePointer<Double>, powersOfFive: UnsafePointer<UInt64>
    ) -> Double? {
        guard d.isExact else { return nil }
        if d.mantissa == 0 { return d.isNegative ? -0.0 : 0.0 }
        if d.exponent >= -22 && d.exponent <= 22 && d.mantissa <= 1 << 53 {
            var v = Double(d.mantissa)
            v = d.exponent < 0 ? v / powersOfTen[-d.exponent] : v * powersOfTen[d.exponent]
            return d.isNegative ? -v : v
        }
        guard let bits = eiselLemire(d.mantissa, d.exponent, powersOfFive) else { return nil }
        return Double(bitPattern: bits | (d.isNegative ? 1 << 63 : 0))
    }

    /// The bit pattern (sign excluded) of the `Double` nearest to `w · 10^q`, `w > 0`, or
    /// `nil` when the 128-bit product cannot decide the rounding.
    @inline(__always)
    static func eiselLemire(_ w: UInt64, _ q: Int, _ powersOfFive: UnsafePointer<UInt64>) -> UInt64? {
        if q < _powersOfFiveMinimumExponent { return 0 }
        if q > _powersOfFiveMaximumExponent { return 0x7FF0_0000_0000_0000 }
        let leadingZeros = w.leadingZeroBitCount
        let normalized = w << UInt64(leadingZeros)
        let index = 2 * (q - _powersOfFiveMinimumExponent)
        var (high, low) = normalized.multipliedFullWidth(by: powersOfFive[index])
        let precisionMask: UInt64 = 0x1FF  // the bits below the 55 we need
        if high & precisionMask == precisionMask {
            let second = normalized.multipliedFullWidth(by: powersOfFive[index + 1]).high
            let (sum, carry) = low.addingReportingOverflow(second)
            low = sum
            if carry { high &+= 1 }
            // The original algorithm's bail-out; later proved unnecessary, kept as a cheap guard.
            if low == UInt64.max && (q < -27 || q > 55) { return nil }
        }
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 9)
        var mantissa = high >> shift
        // ⌊log2(10^q)⌋ + 63 + upperBit − leadingZeros, biased by 1023.
        var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
        if power2 <= 0 {  // subnormal or zero
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa < 1 << 52 ? 0 : 1
            return UInt64(power2) << 52 | mantissa
        }
        // Exactly halfway between two doubles (only possible for small q): round to even.
        if low <= 1 && q >= -4 && q <= 23 && mantissa & 3 == 1 && (mantissa << shift) == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << 52 {
            mantissa = 1 << 52
            power2 += 1
        }
        mantissa &= ~(1 << 52)
        if power2 >= 0x7FF { return 0x7FF0_0000_0000_0000 }
        return UInt64(power2) << 52 | mantissa
    }

    /// The `Float` nearest to the decimal whose correctly rounded `Double` is `d`, or `nil`
    /// when that cannot be told from `d` alone.
    ///
    /// Rounding twice (decimal → `Double` → `Float`) is wrong only when `d` lands exactly on
    /// a midpoint between two `Float`s (every such midpoint is a `Double`, and rounding is
    /// monotone, so otherwise the decimal and `d` round to the same `Float`). Those cases
    /// return `nil`. In the normal `Float` range a midpoint is a `Double` whose low 29
    /// significand bits are `1000…0`; this includes the overflow threshold
    /// `greatestFiniteMagnitude + ulp/2`. Below it (`Float` subnormals) the neighbours are
    /// compared directly.
    @inlinable @inline(__always)
    package static func float(fromCorrectlyRounded d: Double) -> Float? {
        let magnitude = d.bitPattern & 0x7FFF_FFFF_FFFF_FFFF
        let exponent = magnitude >> 52
        if exponent >= 1023 - 126 {  // |d| ≥ 2⁻¹²⁶ (or ∞, NaN: converted as they are)
            if exponent <= 1023 + 127 && magnitude & 0x1FFF_FFFF == 0x1000_0000 { return nil }
            return Float(d)
        }
        let f = Float(d)
        let back = Double(f)
        if back == d { return f }
        let neighbour = d > back ? f.nextUp : f.nextDown
        if (back + Double(neighbour)) * 0.5 == d { return nil }
        return f
    }

    /// The `Int` value of an integer literal, or `nil` when `d` is not an integer literal
    /// or does not fit in 64 bits.
    @inlinable @inline(__always)
    package static func int(_ d: _ScannedDecimal) -> Int? {
        guard d.isIntegerLiteral, d.isExact else { return nil }
        if d.isNegative {
            if d.mantissa == 1 << 63 { return Int.min }
            return d.mantissa < 1 << 63 ? -Int(d.mantissa) : nil
        }
        return d.mantissa <= UInt64(Int.max) ? Int(d.mantissa) : nil
    }

    /// `Double(text)` for the bytes of a field, `nil` when the standard library rejects them
    /// (a NUL byte is rejected here: the C parser underneath would stop at it).
    @usableFromInline
    package static func slowDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if bytes.contains(0) { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// `Float(text)` for the bytes of a field; see ``slowDouble(_:)``.
    @usableFromInline
    package static func slowFloat(_ bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        if bytes.contains(0) { return nil }
        return Float(String(decoding: bytes, as: UTF8.self))
    }
}
