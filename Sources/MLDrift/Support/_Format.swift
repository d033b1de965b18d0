#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Locale-independent number formatting for reports.
enum _Format {
    /// `x` rounded to `digits` significant digits, in Swift's shortest round-trip notation.
    static func short(_ x: Double, digits: Int = 4) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "+∞" : "−∞" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        let exponent = Int(log10(abs(x)).rounded(.down))
        let shift = digits - 1 - exponent
        let rounded: Double
        if shift >= 0 && shift <= 300 {
            let scale = pow(10.0, Double(shift))
            rounded = (x * scale).rounded() / scale
        } else if shift < 0 && shift >= -300 {
            let scale = pow(10.0, Double(-shift))
            rounded = (x / scale).rounded() * scale
        } else {
            rounded = x
        }
        return String(rounded)
    }

    /// A Prometheus sample value: Go-parsable floats, `+Inf`, `-Inf`, `NaN`.
    static func prometheus(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "+Inf" : "-Inf" }
        return String(x)
    }
}
