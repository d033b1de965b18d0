import MLCore

/// The standard normal distribution N(0, 1): CDF, survival function, two-sided p-values and the
/// quantile, accurate to about 1e-15 relative (the CDF and tails use the C library's `erfc`,
/// which keeps full relative precision deep in the tails, e.g. Φ(−30) ≈ 4.9e-198).
public enum NormalDistribution {
    /// Φ(x) = P(Z ≤ x) = ½·_Math.erfc(−x/√2). NaN in, NaN out.
    public static func cdf(_ x: Double) -> Double {
        0.5 * _Math.erfc(-x * (0.5).squareRoot())
    }

    /// 1 − Φ(x) = P(Z > x) = ½·_Math.erfc(x/√2), without the cancellation of `1 - cdf(x)`.
    public static func survival(_ x: Double) -> Double {
        0.5 * _Math.erfc(x * (0.5).squareRoot())
    }

    /// The two-sided p-value of a z statistic: P(|Z| ≥ |z|) = _Math.erfc(|z|/√2). 1 for z = 0; 0 for
    /// |z| = ∞; NaN for NaN.
    public static func twoSidedPValue(z: Double) -> Double {
        _Math.erfc(abs(z) * (0.5).squareRoot())
    }

    /// The quantile Φ⁻¹(p) for p in (0, 1): −∞ at 0, +∞ at 1, NaN outside [0, 1].
    ///
    /// Acklam's rational approximation (relative error < 1.2e-9) refined by two Newton–Halley
    /// steps on `cdf`, which brings it to about 1e-15.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * _Math.log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * _Math.log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // Halley refinement; in the upper half work with the survival function to keep precision.
        for _ in 0..<2 {
            let e = p < 0.5 ? cdf(x) - p : (1 - p) - survival(x)
            let density = _Math.exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            guard density > 0 else { break }
            let u = e / density
            x -= u / (1 + 0.5 * x * u)
        }
        return x
    }
}
