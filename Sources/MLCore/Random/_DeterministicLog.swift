/// The natural logarithm from `+`, `−`, `×`, `÷` alone, so its result is the same bit for
/// bit on every IEEE 754 machine. The platform's `log` (glibc, Apple's libm) may differ
/// in the last bit across library versions and architectures, which would break the
/// reproducibility of normal draws.
///
/// Method: `x = m · 2ᵉ` with `m ∈ [√½, √2)`, `f = m − 1`, `s = f / (2 + f)`, and
/// `log m = 2·atanh(s) = 2·(s + s³/3 + … + s²⁵/25)`, truncated where the remainder is below
/// 2⁻⁶⁰ relative (|s| ≤ 0.1716); `log x = e·ln2 + log m` with ln 2 split in two parts.
/// Accurate to a few ulps for finite `x > 0`; `log(0) = −∞`; NaN for negative or NaN input;
/// `log(+∞) = +∞`. Swift does not contract `a * b + c` into a fused multiply-add unless asked,
/// so the operation order below is what runs.
func _deterministicLog(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 { return -.infinity }
    if x == .infinity { return .infinity }
    var exponent = Double(x.exponent)  // exact, also for subnormals
    var m = x.significand  // in [1, 2), exact
    if m > 1.4142135623730951 {
        m *= 0.5
        exponent += 1
    }
    let f = m - 1  // exact (Sterbenz)
    let s = f / (2 + f)
    let z = s * s
    // Horner form of 1 + z/3 + z²/5 + … + z¹²/25.
    var p = 1.0 / 25
    for k in stride(from: 23, through: 1, by: -2) { p = p * z + 1.0 / Double(k) }
    let logM = 2 * s * p
    let ln2High = 6.93147180369123816490e-01  // the top 32 bits of ln 2; e·ln2High is exact
    let ln2Low = 1.90821492927058770002e-10
    return exponent * ln2High + (exponent * ln2Low + logM)
}
