import MLCore

/// Locale-independent number formatting for reports.
enum _Format {
    /// `x` rounded to `digits` significant digits, in Swift's shortest round-trip notation.
    static func short(_ x: Double, digits: Int = 4) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "+∞" : "−∞" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        var exponent = Int(_Math.log10(abs(x)).rounded(.down))
        if exponent <= -5 || exponent >= 15 {
            // Scientific: round the mantissa in [1, 10) to `digits` significant digits.
            var mantissa = x / _Math.pow(10.0, Double(exponent))
            if abs(mantissa) >= 10 { mantissa /= 10; exponent += 1 }
            if abs(mantissa) < 1 { mantissa *= 10; exponent -= 1 }
            let scale = _Math.pow(10.0, Double(digits - 1))
            var m = (mantissa * scale).rounded() / scale
            if abs(m) >= 10 { m /= 10; exponent += 1 }
            let text = m == m.rounded() ? String(Int(m)) : String(m)
            return text + "e" + String(exponent)
        }
        let shift = digits - 1 - exponent
        let rounded: Double
        if shift >= 0 {
            let scale = _Math.pow(10.0, Double(shift))
            rounded = (x * scale).rounded() / scale
        } else {
            let scale = _Math.pow(10.0, Double(-shift))
            rounded = (x / scale).rounded() * scale
        }
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    /// A Prometheus sample value: Go-parsable floats, `+Inf`, `-Inf`, `NaN`.
    static func prometheus(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "+Inf" : "-Inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }
}
