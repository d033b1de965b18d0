import MLCore

/// The distribution of the one-sample two-sided Kolmogorov statistic D_n (SciPy's `kstwo`),
/// used for the asymptotic two-sample p-value. The choice of algorithm by region follows
/// Simard & L'Ecuyer (2011) as SciPy's `_kolmogn` does:
/// - Ruben–Gambino closed forms for n·x ≤ 1 and n·x ≥ n − 1;
/// - 2 × Smirnov's one-sided tail for x ≥ 0.5, and for n·x² ≥ 2.2 (n > 140) or ≥ 4 (n ≤ 140);
/// - otherwise 1 − CDF, the CDF from the Durbin matrix (Marsaglia–Tsang–Wang) where it is
///   cheap and Pelz–Good's expansion elsewhere. (SciPy uses Pomeranz's recursion for n ≤ 140,
///   0.754693 < n·x² ≤ 4; the Durbin matrix computes the same exact probability there.)
enum _KolmogorovDistribution {
    static let scaleUp = 0x1p128
    static let scaleDown = 0x1p-128

    /// P(D_n ≥ x).
    static func survival(_ x: Double, n: Int) -> Double {
        if x.isNaN || n <= 0 { return .nan }
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let cdf: Double
            if n <= 140 {
                var prod = 1.0
                for i in 1...n { prod *= Double(i) * (1.0 / nd) * (2 * t - 1) }
                cdf = prod
            } else {
                cdf = _Math.exp(logFactorialOverPower(n) + nd * _Math.log(2 * t - 1))
            }
            return clip(1 - cdf)
        }
        if t >= nd - 1 { return clip(2 * _Math.pow(1 - x, nd)) }
        if x >= 0.5 { return clip(2 * smirnov(n, x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 4 { return clip(1 - durbinMatrixCDF(n, x)) }
            return clip(2 * smirnov(n, x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * smirnov(n, x)) }
        let cdf: Double
        if nxSquared >= 18 {
            cdf = 1
        } else if n <= 100_000 && nd * _Math.pow(x, 1.5) <= 1.4 {
            cdf = durbinMatrixCDF(n, x)
        } else {
            cdf = pelzGoodCDF(n, x)
        }
        return clip(1 - cdf)
    }

    static func clip(_ p: Double) -> Double { p.isNaN ? p : min(max(p, 0), 1) }

    /// _Math.log(n!/nⁿ) by Stirling's series (SciPy's `_log_nfactorial_div_n_pow_n`).
    static func logFactorialOverPower(_ n: Int) -> Double {
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let nd = Double(n)
        let rn = 1.0 / nd
        let z = rn / nd
        var poly = 0.0
        for c in coefficients { poly = poly * z + c }
        return _Math.log(nd) / 2 - nd + _Math.log(2 * Double.pi) / 2 + rn * poly
    }

    /// Smirnov's one-sided tail P(D⁺_n ≥ x) by the Birnbaum–Tingey sum
    /// Σ_{v=0}^{⌊n(1−x)⌋} C(n,v) x (x+v/n)^(v−1) (1−x−v/n)^(n−v), summed in log space from the
    /// largest term outwards until the terms fall below e⁻⁵⁰ of it (they form a single bump).
    static func smirnov(_ n: Int, _ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        let nd = Double(n)
        let vMax = Int((nd * (1 - x)).rounded(.down))
        if vMax < 0 { return 0 }
        let logN1 = _logGamma(nd + 1)
        let logX = _Math.log(x)
        func logTerm(_ v: Int) -> Double {
            let vd = Double(v)
            let right = 1 - x - vd / nd
            let rightPart: Double
            if n - v == 0 {
                rightPart = 0
            } else if right <= 0 {
                return -.infinity
            } else {
                rightPart = Double(n - v) * _Math.log(right)
            }
            let left = vd == 1 ? 0 : (vd - 1) * _Math.log(x + vd / nd)
            return logN1 - _logGamma(vd + 1) - _logGamma(nd - vd + 1) + logX + left + rightPart
        }
        if vMax <= 2000 {
            var logs = [Double](repeating: -.infinity, count: vMax + 1)
            var top = -Double.infinity
            for v in 0...vMax {
                logs[v] = logTerm(v)
                top = max(top, logs[v])
            }
            if top == -.infinity { return 0 }
            var sum = 0.0
            for l in logs { sum += _Math.exp(l - top) }
            return _Math.exp(top + _Math.log(sum))
        }
        // Large n: start near the peak (p = x + v/n ≈ ½) and walk both ways.
        var start = Int((nd * (0.5 - x)).rounded())
        start = min(max(start, 0), vMax)
        // Climb to the local maximum first.
        var peak = start, peakLog = logTerm(start)
        while peak < vMax {
            let next = logTerm(peak + 1)
            if next > peakLog { peak += 1; peakLog = next } else { break }
        }
        while peak > 0 {
            let next = logTerm(peak - 1)
            if next > peakLog { peak -= 1; peakLog = next } else { break }
        }
        if peakLog == -.infinity { return 0 }
        var sum = 1.0
        var v = peak + 1
        while v <= vMax {
            let l = logTerm(v) - peakLog
            if l < -50 { break }
            sum += _Math.exp(l)
            v += 1
        }
        v = peak - 1
        while v >= 0 {
            let l = logTerm(v) - peakLog
            if l < -50 { break }
            sum += _Math.exp(l)
            v -= 1
        }
        return _Math.exp(peakLog + _Math.log(sum))
    }

    /// Pr(D_n ≤ d) by the Durbin matrix (Marsaglia, Tsang & Wang 2003), as SciPy's `_kolmogn_DMTW`.
    static func durbinMatrixCDF(_ n: Int, _ d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var hm = [Double](repeating: 0, count: m * m)
        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var fac = 1.0
        for j in 1...m {
            v[j - 1] = 1.0 - _Math.pow(h, Double(j))
            w[j - 1] = fac
            fac /= Double(j)
            v[j - 1] *= fac
        }
        let tt = _Math.pow(max(2 * h - 1.0, 0), Double(m)) - 2 * _Math.pow(h, Double(m))
        v[m - 1] = (1.0 + tt) * fac
        if m > 1 {
            for i in 1..<m {
                // H[i-1:, i] = w[:m-i+1]
                for r in (i - 1)..<m { hm[r * m + i] = w[r - (i - 1)] }
            }
        }
        for r in 0..<m { hm[r * m] = v[r] }
        for c in 0..<m { hm[(m - 1) * m + c] = v[m - 1 - c] }

        var power = [Double](repeating: 0, count: m * m)
        for i in 0..<m { power[i * m + i] = 1 }
        var nn = n
        var exponent = 0
        var hExponent = 0
        while nn > 0 {
            if nn % 2 == 1 {
                power = multiply(power, hm, m)
                exponent += hExponent
            }
            hm = multiply(hm, hm, m)
            hExponent *= 2
            if abs(hm[(k - 1) * m + (k - 1)]) > scaleUp {
                for i in 0..<(m * m) { hm[i] /= scaleUp }
                hExponent += 128
            }
            nn /= 2
        }
        var p = power[(k - 1) * m + (k - 1)]
        let dn = Double(n)
        for i in 1...n {
            p = Double(i) * p / dn
            if abs(p) < scaleDown {
                p *= scaleUp
                exponent -= 128
            }
        }
        if exponent != 0 { p = _Math.scalbn(p, exponent) }
        return clip(p)
    }

    static func multiply(_ a: [Double], _ b: [Double], _ m: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * m)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    for i in 0..<m {
                        for l in 0..<m {
                            let s = pa[i * m + l]
                            if s == 0 { continue }
                            for j in 0..<m { pc[i * m + j] += s * pb[l * m + j] }
                        }
                    }
                }
            }
        }
        return c
    }

    /// Pelz–Good's approximation of Pr(D_n ≤ x), as SciPy's `_kolmogn_PelzGood`.
    static func pelzGoodCDF(_ n: Int, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let pi2 = Double.pi * Double.pi
        let pi4 = pi2 * pi2
        let pi6 = pi4 * pi2
        let sqrt2pi = (2 * Double.pi).squareRoot()
        let z = Double(n).squareRoot() * x
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let qlog = -pi2 / 8 / z2
        if qlog < -708 { return 0 }
        var q = _Math.exp(qlog)
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * pi2 / 4
        let k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * _Math.pow(z, 8)
        var k0 = 0.0, k1 = 0.0, k2 = 0.0, k3 = 0.0
        let maxk = Int((16 * z / Double.pi).rounded(.up))
        if maxk >= 1 {
            for k in stride(from: maxk, through: 1, by: -1) {
                let mm = Double(2 * k - 1)
                let m2 = mm * mm, m4 = m2 * m2, m6 = m4 * m2
                let qpower = _Math.pow(q, Double(8 * k))
                k0 = k0 * qpower + 1.0
                k1 = k1 * qpower + (k1a + k1b * m2)
                k2 = k2 * qpower + (k2a + k2b * m2 + k2c * m4)
                k3 = k3 * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6)
            }
        }
        k0 *= q; k1 *= q; k2 *= q; k3 *= q
        k0 *= sqrt2pi; k1 *= sqrt2pi; k2 *= sqrt2pi; k3 *= sqrt2pi
        k0 /= z
        k1 /= 6 * z4
        k2 /= 72 * _Math.pow(z, 7)
        k3 /= 6480 * _Math.pow(z, 10)
        q = _Math.exp(-pi2 / 2 / z2)
        var k2extra = 0.0, k3extra = 0.0
        let sqrt3z = 3.0.squareRoot() * z
        if maxk >= 1 {
            for k in stride(from: maxk, through: 1, by: -1) {
                let ks2 = Double(k * k)
                let qp = _Math.pow(q, ks2)
                k2extra += ks2 * qp
                let kspi = Double.pi * Double(k)
                k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp
            }
        }
        k2extra *= pi2 * sqrt2pi / (-36 * z3)
        k3extra *= pi2 * sqrt2pi / (216 * z6)
        k2 += k2extra
        k3 += k3extra
        let nd = Double(n)
        k1 /= _Math.pow(nd, 0.5)
        k2 /= nd
        k3 /= _Math.pow(nd, 1.5)
        return k0 + k1 + k2 + k3
    }
}
