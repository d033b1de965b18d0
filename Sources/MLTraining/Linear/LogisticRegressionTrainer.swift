import MLCore

/// Trains ``LogisticRegressionModel``s: binary or multinomial, L2 and (binary) L1, class
/// weights, standardization inside the model. Same optimum as scikit-learn's
/// `LogisticRegression` with `C = 1 / l2` (on standardized features when asked).
///
/// Deterministic: the passes over the rows use fixed chunks whose partial sums are added in
/// chunk order, so the model is bit-identical at any thread count.
public enum LogisticRegressionTrainer {
    /// The most parameters (classes · (features + 1); binary: features + 1) the `auto` solver
    /// gives to Newton; larger models go to L-BFGS.
    public static let newtonWidthLimit = 512
    /// The widest model proximal Newton (L1) takes: its Hessian is `width²` doubles.
    public static let l1WidthLimit = 4096

    /// Trains on `x` (`rows × features`, no missing value) and labels `y` (0/1, or 0…K−1 when
    /// `parameters.multiclass`).
    /// - Throws: ``TrainingError``: `.invalidConfiguration` for bad parameters (the key is
    ///   named), `.invalidData` for a missing or infinite feature value (column and row named),
    ///   `.invalidLabels` for labels that cannot be trained on.
    public static func train(
        x: Matrix<Float>, y: [Double], parameters p: LogisticRegressionParameters, featureNames: [String]? = nil
    ) throws -> LogisticRegressionModel {
        // One OpenBLAS thread while training: its own threading splits the Hessian products
        // differently at different counts, which would change the last bits. `threads`
        // parallelize over fixed row chunks instead.
        try BLAS.withSingleThread { try trainSingleThreadedBLAS(x: x, y: y, parameters: p, featureNames: featureNames) }
    }

    private static func trainSingleThreadedBLAS(
        x: Matrix<Float>, y: [Double], parameters p: LogisticRegressionParameters, featureNames: [String]?
    ) throws -> LogisticRegressionModel {
        try validate(p)
        let names = featureNames ?? (0..<x.columns).map { "f\($0)" }
        guard names.count == x.columns, x.columns > 0 else {
            throw TrainingError(.invalidData, "\(names.count) feature names for \(x.columns) columns")
        }
        guard y.count == x.rows, x.rows > 0 else {
            throw TrainingError(.invalidData, "\(y.count) labels for \(x.rows) rows")
        }
        let classes = try GBDTTrainer.checkLabels(y, p.multiclass ? .multiclass : .binary, what: "training")
        let f = x.columns
        let rows = classes == 2 ? 1 : classes
        let width = f + 1
        if p.l1 > 0 && width > l1WidthLimit {
            throw TrainingError(.invalidConfiguration, "l1 takes at most \(l1WidthLimit - 1) features (got \(f))", field: "l1")
        }
        let solver: LogisticRegressionParameters.Solver =
            p.solver != .auto ? p.solver : (rows * width <= newtonWidthLimit || p.l1 > 0 ? .newton : .lbfgs)
        if solver == .newton && rows * width > l1WidthLimit {
            throw TrainingError(
                .invalidConfiguration, "the newton solver takes at most \(l1WidthLimit) parameters (classes × (features + 1)); use lbfgs",
                field: "solver")
        }

        // Standardization and completeness, in one pass per column family.
        var mean = [Double](repeating: 0, count: f)
        var scale = [Double](repeating: 1, count: f)
        try x.withUnsafeBufferPointer { xs in
            guard let xb = xs.baseAddress else { return }
            var sum = [Double](repeating: 0, count: f)
            sum.withUnsafeMutableBufferPointer { sp in
                guard let s = sp.baseAddress else { return }
                for i in 0..<x.rows {
                    let row = xb + i * f
                    for j in 0..<f { s[j] += Double(row[j]) }
                }
            }
            if let j = sum.firstIndex(where: { !$0.isFinite }) {
                let i = (0..<x.rows).first { !xb[$0 * f + j].isFinite } ?? 0
                throw TrainingError(
                    .invalidData, "feature '\(names[j])' is missing or infinite at row \(i + 1); logistic regression needs complete rows (impute first)",
                    field: names[j], index: i)
            }
            guard p.standardize else { return }
            let n = Double(x.rows)
            for j in 0..<f { mean[j] = sum[j] / n }
            var squares = [Double](repeating: 0, count: f)
            squares.withUnsafeMutableBufferPointer { qp in
                mean.withUnsafeBufferPointer { mp in
                    guard let q = qp.baseAddress, let m = mp.baseAddress else { return }
                    for i in 0..<x.rows {
                        let row = xb + i * f
                        for j in 0..<f {
                            let d = Double(row[j]) - m[j]
                            q[j] += d * d
                        }
                    }
                }
            }
            for j in 0..<f {
                let s = (squares[j] / n).squareRoot()
                // scikit-learn's StandardScaler keeps 1 for (near-)constant columns.
                scale[j] = s < 10 * Double.ulpOfOne * Swift.max(1, abs(mean[j])) ? 1 : s
            }
        }

        // Row weights from class weights.
        var classWeight = p.classWeights
        if p.balancedClassWeights {
            var counts = [Double](repeating: 0, count: classes)
            for v in y { counts[Int(v)] += 1 }
            classWeight = counts.map { Double(y.count) / (Double(classes) * $0) }
        } else if !classWeight.isEmpty && classWeight.count != classes {
            throw TrainingError(
                .invalidConfiguration, "class_weight has \(classWeight.count) values for \(classes) classes", field: "class_weight")
        }
        let labels = y.map { Int32($0) }
        let weights = classWeight.isEmpty ? [] : labels.map { classWeight[Int($0)] }
        let totalWeight = weights.isEmpty ? Double(y.count) : weights.reduce(0, +)

        let objective = _LogisticObjective(
            x: x, labels: labels, weights: weights, parameterRows: rows, mean: mean, scale: scale, l2: p.l2, threads: p.threads)
        let tolerance = p.tolerance * totalWeight
        // Start from the intercept-only optimum: the (weighted) log-odds of the classes.
        var start = [Double](repeating: 0, count: objective.parameterCount)
        var classTotals = [Double](repeating: 0, count: classes)
        for (i, v) in labels.enumerated() { classTotals[Int(v)] += weights.isEmpty ? 1 : weights[i] }
        if rows == 1 {
            start[f] = _Math.log(classTotals[1] / classTotals[0])
        } else {
            for r in 0..<rows { start[r * width + f] = _Math.log(classTotals[r] / totalWeight) }
        }
        let theta: [Double]
        let value: Double
        let iterations: Int
        let converged: Bool
        let solverName: String
        switch solver {
        case .newton, .auto:
            let out = try _ProximalNewton(objective: objective, l1: p.l1, maxIterations: p.maxIterations, tolerance: tolerance).minimize(from: start)
            (theta, value, iterations, converged) = (out.theta, out.value, out.iterations, out.converged)
            solverName = p.l1 > 0 ? "proximal_newton" : "newton"
        case .lbfgs:
            let lbfgs = _LBFGS(maxIterations: p.maxIterations, gradientTolerance: tolerance)
            let out = lbfgs.minimize(start) { t in
                let r = objective.evaluate(t, .gradient)
                return (r.value, r.gradient)
            }
            (theta, value, iterations, converged) = (out.theta, out.value, out.iterations, out.converged)
            solverName = "lbfgs"
        }
        guard theta.allSatisfy(\.isFinite), value.isFinite else {
            throw TrainingError(.invalidData, "the optimization diverged (separable data without regularization?); set l2 > 0")
        }
        var coefficients = [Double](repeating: 0, count: rows * f)
        var intercepts = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            for j in 0..<f { coefficients[r * f + j] = theta[r * width + j] }
            intercepts[r] = theta[r * width + f]
        }
        if rows > 1 {
            // The softmax is unchanged by a common shift; report the one summing to 0.
            let shift = intercepts.reduce(0, +) / Double(rows)
            intercepts = intercepts.map { $0 - shift }
        }
        return LogisticRegressionModel(
            classCount: classes, featureNames: names, means: mean, scales: scale, coefficients: coefficients, intercepts: intercepts,
            objectiveValue: value, iterations: iterations, converged: converged, solver: solverName, standardized: p.standardize)
    }

    /// Checks the parameters, naming the key.
    static func validate(_ p: LogisticRegressionParameters) throws {
        func bad(_ key: String, _ why: String) -> TrainingError { TrainingError(.invalidConfiguration, "\(key) \(why)", field: key) }
        guard p.l2.isFinite, p.l2 >= 0 else { throw bad("l2", "must be a finite number ≥ 0") }
        guard p.l1.isFinite, p.l1 >= 0 else { throw bad("l1", "must be a finite number ≥ 0") }
        if p.l1 > 0 && p.multiclass { throw bad("l1", "is for binary models (multinomial takes l2)") }
        if p.l1 > 0 && p.solver == .lbfgs { throw bad("solver", "lbfgs cannot take l1; use newton or auto") }
        guard (1...1_000_000).contains(p.maxIterations) else { throw bad("max_iterations", "must be in 1…1000000") }
        guard p.tolerance.isFinite, p.tolerance > 0 else { throw bad("tolerance", "must be a positive number") }
        guard (1...256).contains(p.threads) else { throw bad("threads", "must be in 1…256") }
        guard p.classWeights.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw bad("class_weight", "values must be positive") }
    }
}
