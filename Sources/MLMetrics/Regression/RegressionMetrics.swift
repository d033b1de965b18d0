/// Regression metrics with scikit-learn's definitions. `targets` are the true values,
/// `predictions` the model's; both finite, same length, not empty.
public enum RegressionMetrics {
    /// Mean absolute error (1/n) Σ |yᵢ − ŷᵢ|, in the targets' units (`mean_absolute_error`).
    /// - Throws: ``MetricError`` `.emptyInput`, `.lengthMismatch`, `.nonFiniteValue`.
    public static func meanAbsoluteError(targets: [Double], predictions: [Double]) throws -> Double {
        try validate(targets, predictions)
        var sum = 0.0
        for (y, p) in zip(targets, predictions) { sum += abs(y - p) }
        return sum / Double(targets.count)
    }

    /// Mean squared error (1/n) Σ (yᵢ − ŷᵢ)², in squared units (`mean_squared_error`).
    /// - Throws: as ``meanAbsoluteError(targets:predictions:)``.
    public static func meanSquaredError(targets: [Double], predictions: [Double]) throws -> Double {
        try validate(targets, predictions)
        var sum = 0.0
        for (y, p) in zip(targets, predictions) { sum += (y - p) * (y - p) }
        return sum / Double(targets.count)
    }

    /// Root mean squared error √MSE, in the targets' units (`root_mean_squared_error`).
    /// - Throws: as ``meanAbsoluteError(targets:predictions:)``.
    public static func rootMeanSquaredError(targets: [Double], predictions: [Double]) throws -> Double {
        try meanSquaredError(targets: targets, predictions: predictions).squareRoot()
    }

    /// Mean absolute percentage error (1/n) Σ |yᵢ − ŷᵢ| / max(|yᵢ|, ε), ε = 2.220446049250313e-16,
    /// as scikit-learn's `mean_absolute_percentage_error`: a FRACTION (0.05 means 5 %), not a
    /// percentage; a zero target gives a huge but finite term, as in scikit-learn.
    /// - Throws: as ``meanAbsoluteError(targets:predictions:)``.
    public static func meanAbsolutePercentageError(targets: [Double], predictions: [Double]) throws -> Double {
        try validate(targets, predictions)
        var sum = 0.0
        for (y, p) in zip(targets, predictions) { sum += abs(y - p) / Swift.max(abs(y), Double.ulpOfOne) }
        return sum / Double(targets.count)
    }

    /// Coefficient of determination R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)², as scikit-learn's
    /// `r2_score` with `force_finite=True`: when the targets are constant (Σ(yᵢ − ȳ)² = 0) the
    /// result is 1 for a perfect prediction and 0 otherwise. Unbounded below.
    /// - Throws: as ``meanAbsoluteError(targets:predictions:)``, and `.undefinedMetric` for fewer
    ///   than two rows (scikit-learn warns and returns NaN).
    public static func r2(targets: [Double], predictions: [Double]) throws -> Double {
        try validate(targets, predictions)
        guard targets.count >= 2 else {
            throw MetricError(.undefinedMetric, "R² needs at least two rows, got 1", argument: "targets")
        }
        let mean = targets.reduce(0, +) / Double(targets.count)
        var residual = 0.0
        var total = 0.0
        for (y, p) in zip(targets, predictions) {
            residual += (y - p) * (y - p)
            total += (y - mean) * (y - mean)
        }
        if total == 0 { return residual == 0 ? 1 : 0 }
        return 1 - residual / total
    }

    static func validate(_ targets: [Double], _ predictions: [Double]) throws {
        try _Validation.nonEmpty(targets.count, "targets")
        try _Validation.sameLength(targets.count, "targets", predictions.count, "predictions")
        try _Validation.finite(targets, "targets")
        try _Validation.finite(predictions, "predictions")
    }
}
