/// Limited-memory BFGS (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo line search,
/// for smooth convex objectives. Deterministic: plain sequential arithmetic on the caller's
/// values.
struct _LBFGS {
    /// Pairs kept.
    var memory = 10
    var maxIterations: Int
    /// Stop when `max |gradient| ≤ gradientTolerance`.
    var gradientTolerance: Double

    /// Minimizes `f` from `x0`; `f(x)` returns the value and the gradient.
    func minimize(_ x0: [Double], _ f: ([Double]) -> (Double, [Double])) -> _SolverOutcome {
        var x = x0
        var (fx, g) = f(x)
        var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
        let n = x.count
        var iteration = 0
        var stalled = 0
        while iteration < maxIterations {
            if maxAbs(g) <= gradientTolerance { return _SolverOutcome(theta: x, value: fx, iterations: iteration, converged: true) }
            iteration += 1
            // Two-loop recursion: d = −H·g.
            var q = g
            var alpha = [Double](repeating: 0, count: s.count)
            for k in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[k] = rho[k] * dot(s[k], q)
                for i in 0..<n { q[i] -= alpha[k] * y[k][i] }
            }
            if let last = s.indices.last {
                let gamma = dot(s[last], y[last]) / dot(y[last], y[last])
                for i in 0..<n { q[i] *= gamma }
            } else {
                // First step: a unit-length move along −g.
                let norm = dot(g, g).squareRoot()
                if norm > 0 { for i in 0..<n { q[i] /= Swift.max(norm, 1) } }
            }
            for k in 0..<s.count {
                let beta = rho[k] * dot(y[k], q)
                for i in 0..<n { q[i] += (alpha[k] - beta) * s[k][i] }
            }
            var d = q.map { -$0 }
            var slope = dot(g, d)
            if !(slope < 0) {
                // Not a descent direction (numerical trouble): restart along −g.
                d = g.map { -$0 }
                slope = dot(g, d)
                s.removeAll()
                y.removeAll()
                rho.removeAll()
            }
            var t = 1.0
            var accepted: (Double, [Double], [Double])?
            for _ in 0..<60 {
                var trial = x
                for i in 0..<n { trial[i] += t * d[i] }
                let (ft, gt) = f(trial)
                // Below the objective's rounding the Armijo test cannot be decided: then any step
                // that does not increase it beyond that rounding is taken.
                let noise = 1e-13 * Swift.max(1, abs(fx))
                let armijo = -t * slope > noise ? ft <= fx + 1e-4 * t * slope : ft <= fx + noise
                if ft.isFinite && armijo {
                    accepted = (ft, gt, trial)
                    break
                }
                t *= 0.5
            }
            guard let (fNew, gNew, xNew) = accepted else {
                return _SolverOutcome(theta: x, value: fx, iterations: iteration, converged: false)
            }
            var sk = [Double](repeating: 0, count: n), yk = sk
            for i in 0..<n {
                sk[i] = xNew[i] - x[i]
                yk[i] = gNew[i] - g[i]
            }
            let sy = dot(sk, yk)
            if sy > 1e-12 * dot(yk, yk).squareRoot() * dot(sk, sk).squareRoot() && sy > 0 {
                if s.count == memory {
                    s.removeFirst()
                    y.removeFirst()
                    rho.removeFirst()
                }
                s.append(sk)
                y.append(yk)
                rho.append(1 / sy)
            }
            let improvement = fx - fNew
            x = xNew
            fx = fNew
            g = gNew
            // Steps that no longer lower the objective at all, several times running: stalled at
            // the rounding floor.
            stalled = improvement <= 0 ? stalled + 1 : 0
            if stalled >= 5 {
                return _SolverOutcome(theta: x, value: fx, iterations: iteration, converged: maxAbs(g) <= gradientTolerance)
            }
        }
        return _SolverOutcome(theta: x, value: fx, iterations: iteration, converged: maxAbs(g) <= gradientTolerance)
    }

    func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }

    func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { Swift.max($0, abs($1)) } }
}

/// Where a solver stopped: the parameters, the objective there, the iterations taken, and
/// whether the tolerance was reached.
struct _SolverOutcome {
    var theta: [Double]
    var value: Double
    var iterations: Int
    var converged: Bool
}
