/// Decimal text → `Double` / `Float` / `Int64`, correctly rounded, over raw bytes.
///
/// Hand-written because model files hold millions of numbers and `Double(String)` needs a
/// `String` per number: the fast path (Clinger: ≤ 19 digits, mantissa ≤ 2^53, |exponent| ≤ 22)
/// is exact with one multiplication or division; everything else falls back to the standard
/// library's correctly rounded parser. Grammar: `-?digits(.digits)?([eE][+-]?digits)?`, plus
/// `inf`, `-inf`, `nan` (any case) which LightGBM may print. Invalid text returns nil; nothing traps.
enum _NumberParsing {
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Result of a syntax scan: the exact value when the fast path applies.
    private enum Scan {
        case invalid
        case exact(Double)
        case special(Double)
        case slow
    }

    private static func scan(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Scan {
        guard start >= 0, start < end, end <= p.count else { return .invalid }
        var i = start
        var negative = false
        if p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if p[i] == UInt8(ascii: "+") {
            i += 1
        }
        guard i < end else { return .invalid }
        let c0 = p[i] | 0x20
        if c0 == UInt8(ascii: "i") || c0 == UInt8(ascii: "n") {
            let word = String(decoding: UnsafeBufferPointer(rebasing: p[i..<end]), as: UTF8.self).lowercased()
            if word == "inf" || word == "infinity" { return .special(negative ? -.infinity : .infinity) }
            if word == "nan" { return .special(.nan) }
            return .invalid
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        while i < end, p[i] >= 0x30, p[i] <= 0x39 {
            sawDigit = true
            let d = UInt64(p[i] &- 0x30)
            if significant > 0 || d != 0 { significant += 1 }
            if significant <= 19 {
                mantissa = mantissa &* 10 &+ d
            } else {
                exponent &+= 1
            }
            i += 1
        }
        if i < end, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, p[i] >= 0x30, p[i] <= 0x39 {
                sawDigit = true
                let d = UInt64(p[i] &- 0x30)
                if significant > 0 || d != 0 { significant += 1 }
                if significant <= 19 {
                    mantissa = mantissa &* 10 &+ d
                    exponent &-= 1
                }
                i += 1
            }
        }
        guard sawDigit else { return .invalid }
        if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < end, p[i] >= 0x30, p[i] <= 0x39 {
                if e < 100_000 { e = e * 10 + Int(p[i] &- 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return .invalid }
            exponent &+= expNegative ? -e : e
        }
        guard i == end else { return .invalid }
        if significant > 19 || mantissa > (1 << 53) { return .slow }
        var value = Double(mantissa)
        if mantissa == 0 {
            value = 0
        } else if exponent >= 0 && exponent <= 22 {
            // Both factors are exact doubles, so IEEE multiplication rounds the exact product once.
            value *= powersOfTen[exponent]
        } else if exponent < 0 && exponent >= -22 {
            value /= powersOfTen[-exponent]
        } else {
            return .slow
        }
        return .exact(negative ? -value : value)
    }

    private static func slowDouble(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        Double(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self))
    }

    /// The correctly rounded `Double` of the text `p[start ..< end]`, or nil if it is not a number.
    static func double(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        switch scan(p, start, end) {
        case .invalid: return nil
        case .exact(let v), .special(let v): return v
        case .slow: return slowDouble(p, start, end)
        }
    }

    /// The correctly rounded `Float` of the text (no double rounding through `Double`).
    static func float(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Float? {
        switch scan(p, start, end) {
        case .invalid: return nil
        case .special(let v): return Float(v)
        case .exact(let d):
            let f = Float(d)
            if f.isFinite && Double(f) != d {
                // A correctly rounded double only misleads the conversion when it sits exactly
                // on the midpoint between two floats; then ask the standard library.
                let other = Double(f) < d ? f.nextUp : f.nextDown
                if other.isFinite && (Double(f) + Double(other)) / 2 == d {
                    return Float(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self))
                }
            }
            if !f.isFinite {
                return Float(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self))
            }
            return f
        case .slow:
            return Float(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self))
        }
    }

    /// The integer value of the text, accepting `12`, `-3`, `12.0`, `1e3` when integral and in range.
    static func integer(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        guard start >= 0, start < end, end <= p.count else { return nil }
        // Plain integers (the common case) without going through floating point.
        var i = start
        var negative = false
        if p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var value: Int64 = 0
        var plain = i < end
        while i < end {
            let c = p[i]
            guard c >= 0x30, c <= 0x39 else {
                plain = false
                break
            }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(c &- 0x30))
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        if plain { return negative ? -value : value }
        guard let d = double(p, start, end), d.isFinite, d.rounded() == d,
            d >= -9.2e18, d <= 9.2e18
        else { return nil }
        return Int64(d)
    }
}

extension _NumberParsing {
    /// `double` over the bytes of a `String`/`Substring`.
    static func double(_ text: Substring) -> Double? {
        var copy = text
        return copy.withUTF8 { double($0, 0, $0.count) }
    }

    static func float(_ text: Substring) -> Float? {
        var copy = text
        return copy.withUTF8 { float($0, 0, $0.count) }
    }

    static func integer(_ text: Substring) -> Int64? {
        var copy = text
        return copy.withUTF8 { integer($0, 0, $0.count) }
    }
}
