import MLCore

/// Newton's method with backtracking line search for Platt's two-parameter logistic fit:
/// minimise L(a, b) = Σ wᵢ [softplus(zᵢ) − (1 − tᵢ)·zᵢ], zᵢ = a·fᵢ + b, which is the cross-entropy
/// of p = 1/(1 + e^z) against the targets t. Gradient Σ w(t − p)·(f, 1); Hessian
/// Σ w·p(1 − p)·[[f², f], [f, 1]] (positive definite unless all f are equal). L is convex, so the
/// damped Newton iteration (Armijo backtracking) converges to the unique optimum. Once the Newton
/// decrement is below 1e-8·|L| (where the loss itself can no longer resolve progress) it takes
/// full Newton steps until they fall below 1e-15 relative (at most 8), so the result is the
/// optimum to working precision, not to the loss's √ε resolution.
enum _PlattNewton {
    @inline(__always)
    static func softplus(_ z: Double) -> Double {
        Swift.max(z, 0) + _Math.log1p(_Math.exp(-abs(z)))
    }

    /// p = 1/(1 + e^z), without overflow.
    @inline(__always)
    static func probability(_ z: Double) -> Double {
        z >= 0 ? _Math.exp(-z) / (1 + _Math.exp(-z)) : 1 / (1 + _Math.exp(z))
    }

    static func loss(_ a: Double, _ b: Double, f: [Double], t: [Double], w: [Double]?) -> Double {
        var sum = 0.0
        for i in f.indices {
            let z = a * f[i] + b
            sum += (w?[i] ?? 1) * (softplus(z) - (1 - t[i]) * z)
        }
        return sum
    }

    /// Returns (a, b) at the optimum, starting from (a0, b0).
    static func minimize(f: [Double], t: [Double], w: [Double]?, a0: Double, b0: Double) -> (a: Double, b: Double) {
        var a = a0
        var b = b0
        var current = loss(a, b, f: f, t: t, w: w)
        var refinements = 0
        for _ in 0..<200 {
            var ga = 0.0, gb = 0.0, haa = 0.0, hab = 0.0, hbb = 0.0
            for i in f.indices {
                let wi = w?[i] ?? 1
                let p = probability(a * f[i] + b)
                let r = wi * (t[i] - p)
                let h = wi * p * (1 - p)
                ga += r * f[i]
                gb += r
                haa += h * f[i] * f[i]
                hab += h * f[i]
                hbb += h
            }
            let det = haa * hbb - hab * hab
            var da: Double
            var db: Double
            if det > 1e-14 * haa * hbb && det > 0 {
                da = -(hbb * ga - hab * gb) / det
                db = -(haa * gb - hab * ga) / det
            } else if hbb > 0 {
                // Degenerate (all scores equal): only the intercept is identifiable.
                da = 0
                db = -gb / hbb
            } else {
                break
            }
            let decrement = -(ga * da + gb * db)  // ½·decrement ≈ the loss still to gain
            if !(decrement > 0) { break }
            if decrement < 1e-8 * Swift.max(1, abs(current)) {
                // Quadratic-convergence region: the loss can no longer resolve the remaining
                // gain, so take full Newton steps (which converge here) until they vanish.
                a += da
                b += db
                refinements += 1
                let tiny = abs(da) <= 1e-15 * Swift.max(1, abs(a)) && abs(db) <= 1e-15 * Swift.max(1, abs(b))
                if tiny || refinements >= 8 { break }
                current = loss(a, b, f: f, t: t, w: w)
                continue
            }
            var step = 1.0
            var accepted = false
            for _ in 0..<60 {
                let na = a + step * da
                let nb = b + step * db
                let candidate = loss(na, nb, f: f, t: t, w: w)
                if candidate <= current - 1e-4 * step * decrement {
                    a = na
                    b = nb
                    current = candidate
                    accepted = true
                    break
                }
                step /= 2
            }
            if !accepted { break }
        }
        return (a, b)
    }
}
