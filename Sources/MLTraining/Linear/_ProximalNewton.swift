import MLCore

/// Newton's method for the logistic objective (binary or multinomial), and with `l1 > 0`
/// (binary) proximal Newton (newGLMNET): each step minimizes the quadratic model plus `l1·‖β‖₁`
/// by cyclic coordinate descent on the Hessian, then a backtracking line search on the full
/// objective.
struct _ProximalNewton {
    let objective: _LogisticObjective
    let l1: Double
    let maxIterations: Int
    /// On the largest (sub)gradient component, unnormalized.
    let tolerance: Double

    func penalty(_ theta: [Double]) -> Double {
        guard l1 > 0 else { return 0 }
        var s = 0.0
        for j in 0..<objective.featureCount { s += abs(theta[j]) }
        return l1 * s
    }

    /// The largest component of the minimum-norm subgradient.
    func optimality(_ theta: [Double], _ g: [Double]) -> Double {
        let f = objective.featureCount
        guard l1 > 0 else { return g.reduce(0) { Swift.max($0, abs($1)) } }
        var worst = abs(g[f])
        for j in 0..<f {
            let v: Double
            if l1 == 0 {
                v = abs(g[j])
            } else if theta[j] != 0 {
                v = abs(g[j] + (theta[j] > 0 ? l1 : -l1))
            } else {
                v = Swift.max(abs(g[j]) - l1, 0)
            }
            worst = Swift.max(worst, v)
        }
        return worst
    }

    func minimize(from start: [Double]) throws -> _SolverOutcome {
        let w = objective.parameterCount
        let f = objective.featureCount
        var theta = start
        var iteration = 0
        var last = objective.evaluate(theta, .hessian)
        while true {
            let value = last.value + penalty(theta)
            if optimality(theta, last.gradient) <= tolerance {
                return _SolverOutcome(theta: theta, value: value, iterations: iteration, converged: true)
            }
            if iteration >= maxIterations {
                return _SolverOutcome(theta: theta, value: value, iterations: iteration, converged: false)
            }
            iteration += 1
            let g = last.gradient
            var h = last.hessian
            let d: [Double]
            if l1 == 0 {
                d = try newtonStep(&h, g, w)
            } else {
                d = coordinateDescentStep(h, g, theta, w)
            }
            // Backtracking on the full objective (Armijo for the composite case).
            var decrease = 0.0
            for j in 0..<w { decrease += g[j] * d[j] }
            if l1 > 0 {
                var after = 0.0
                for j in 0..<f { after += abs(theta[j] + d[j]) }
                decrease += l1 * after - penalty(theta)
            }
            guard decrease < 0 else { return _SolverOutcome(theta: theta, value: value, iterations: iteration, converged: false) }
            // Each trial is evaluated with its gradient and Hessian: the accepted one (usually the
            // first, t = 1) is the next iteration's, so a Newton step costs one pass.
            var t = 1.0
            var next: ([Double], _LogisticObjective.Result)?
            // A predicted decrease below the rounding of the objective cannot be checked: that
            // close, the full Newton step is taken as is.
            let checkable = -decrease > 1e-13 * Swift.max(1, abs(value))
            for _ in 0..<50 {
                var trial = theta
                for j in 0..<w { trial[j] += t * d[j] }
                let evaluated = objective.evaluate(trial, .hessian)
                let trialValue = evaluated.value + penalty(trial)
                if !checkable || (trialValue.isFinite && trialValue <= value + 1e-4 * t * decrease) {
                    next = (trial, evaluated)
                    break
                }
                t *= 0.5
            }
            guard let (accepted, evaluated) = next else { return _SolverOutcome(theta: theta, value: value, iterations: iteration, converged: false) }
            theta = accepted
            last = evaluated
        }
    }

    /// `−H⁻¹·g` by Cholesky; a singular Hessian (no L2, collinear features) gets a tiny ridge.
    /// Multinomial intercepts always get one: a common shift of them changes nothing, so their
    /// block is singular by construction.
    private func newtonStep(_ h: inout [Double], _ g: [Double], _ w: Int) throws -> [Double] {
        let rhs = try Matrix(rows: w, columns: 1, elements: g.map { -$0 })
        var ridge = 0.0
        let diagonalMax = (0..<w).reduce(0.0) { Swift.max($0, h[$1 * w + $1]) }
        if objective.parameterRows > 1 {
            let width = objective.width
            for r in 0..<objective.parameterRows {
                let i = r * width + objective.featureCount
                h[i * w + i] += Swift.max(1e-300, 1e-10 * diagonalMax)
            }
        }
        for _ in 0..<8 {
            var a = h
            if ridge > 0 { for j in 0..<w { a[j * w + j] += ridge } }
            if let factor = try? Matrix(rows: w, columns: w, elements: a).cholesky() {
                return try factor.solve(rhs).elements
            }
            ridge = ridge == 0 ? Swift.max(1e-12, 1e-10 * diagonalMax) : ridge * 100
        }
        throw TrainingError(.invalidData, "the Hessian is not positive definite (non-finite or degenerate features)")
    }

    /// Cyclic coordinate descent on `g·d + ½dᵀHd + l1·‖β + d‖₁` (the intercept unpenalized).
    private func coordinateDescentStep(_ h: [Double], _ g: [Double], _ theta: [Double], _ w: Int) -> [Double] {
        let f = w - 1
        var d = [Double](repeating: 0, count: w)
        var hd = [Double](repeating: 0, count: w)
        for _ in 0..<200 {
            var biggest = 0.0
            for j in 0..<w {
                let a = h[j * w + j]
                guard a > 0 else { continue }
                let b = g[j] + hd[j] - a * d[j]
                let newD: Double
                if j == f {
                    newD = -b / a
                } else {
                    // v = θ + d minimizes ½a(v − θ)² + b(v − θ) + l1|v|: soft-threshold.
                    let target = theta[j] - b / a
                    let cut = l1 / a
                    let v = target > cut ? target - cut : (target < -cut ? target + cut : 0)
                    newD = v - theta[j]
                }
                let change = newD - d[j]
                if change != 0 {
                    for i in 0..<w { hd[i] += h[i * w + j] * change }
                    d[j] = newD
                    biggest = Swift.max(biggest, abs(change))
                }
            }
            if biggest <= 1e-13 { break }
        }
        return d
    }
}
