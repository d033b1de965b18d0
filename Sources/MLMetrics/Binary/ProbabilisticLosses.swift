import MLCore

/// Losses of predicted probabilities (log loss and Brier score), binary and multiclass.
enum _ProbabilisticLoss {
    /// The clipping bound of scikit-learn's `log_loss` for float64 input: machine epsilon
    /// `2.220446049250313e-16` (`np.finfo(np.float64).eps`).
    static let logLossEpsilon = Double.ulpOfOne

    @inline(__always)
    static func clippedNegativeLog(_ p: Double) -> Double {
        -_Math.log(Swift.min(Swift.max(p, logLossEpsilon), 1 - logLossEpsilon))
    }
}

extension BinaryMetrics {
    /// Mean binary cross-entropy (natural log), as scikit-learn 1.9's `log_loss` on 0/1 labels
    /// and the probability of class 1.
    ///
    /// Definition: −(1/n) Σ [yᵢ·_Math.log(clip(pᵢ)) + (1 − yᵢ)·_Math.log(clip(1 − pᵢ))], where clip bounds to
    /// `[ε, 1 − ε]` with ε = 2.220446049250313e-16 (float64 machine epsilon; scikit-learn ≥ 1.5
    /// dropped the `eps` parameter and uses the dtype's epsilon). `1 − p` is formed before
    /// clipping, as scikit-learn does. A perfectly confident wrong prediction costs
    /// −_Math.log(ε) ≈ 36.04.
    ///
    /// Unlike scikit-learn (which asks for `labels=[0, 1]` when `y_true` holds one class) this
    /// is defined with one class: labels are known to be 0/1.
    /// - Throws: ``MetricError`` `.emptyInput`, `.lengthMismatch`, `.invalidLabel`,
    ///   `.nonFiniteValue` (NaN probability), `.outOfRange` (probability outside `[0, 1]`,
    ///   which scikit-learn also refuses).
    public static func logLoss(probabilities: [Double], labels: [Int]) throws -> Double {
        try _Validation.sameLength(probabilities.count, "probabilities", labels.count, "labels")
        return try logLoss(validated: probabilities, labels: _Validation.binaryLabels(labels))
    }

    /// As ``logLoss(probabilities:labels:)-([Double],[Int])``, `true` meaning class 1.
    public static func logLoss(probabilities: [Double], labels: [Bool]) throws -> Double {
        try _Validation.sameLength(probabilities.count, "probabilities", labels.count, "labels")
        return try logLoss(validated: probabilities, labels: _Validation.binaryLabels(labels))
    }

    static func logLoss(validated probabilities: [Double], labels: [UInt8]) throws -> Double {
        try _Validation.nonEmpty(probabilities.count, "probabilities")
        try _Validation.probabilities(probabilities, "probabilities")
        var sum = 0.0
        for (i, p) in probabilities.enumerated() {
            sum += _ProbabilisticLoss.clippedNegativeLog(labels[i] == 1 ? p : 1 - p)
        }
        return sum / Double(probabilities.count)
    }

    /// Brier score: the mean squared difference between the probability of class 1 and the
    /// 0/1 label, (1/n) Σ (pᵢ − yᵢ)², as scikit-learn's `brier_score_loss`. In `[0, 1]`, lower is
    /// better.
    /// - Throws: as ``logLoss(probabilities:labels:)-([Double],[Int])``.
    public static func brierScore(probabilities: [Double], labels: [Int]) throws -> Double {
        try _Validation.sameLength(probabilities.count, "probabilities", labels.count, "labels")
        return try brierScore(validated: probabilities, labels: _Validation.binaryLabels(labels))
    }

    /// As ``brierScore(probabilities:labels:)-([Double],[Int])``, `true` meaning class 1.
    public static func brierScore(probabilities: [Double], labels: [Bool]) throws -> Double {
        try _Validation.sameLength(probabilities.count, "probabilities", labels.count, "labels")
        return try brierScore(validated: probabilities, labels: _Validation.binaryLabels(labels))
    }

    static func brierScore(validated probabilities: [Double], labels: [UInt8]) throws -> Double {
        try _Validation.nonEmpty(probabilities.count, "probabilities")
        try _Validation.probabilities(probabilities, "probabilities")
        var sum = 0.0
        for (i, p) in probabilities.enumerated() {
            let d = p - Double(labels[i])
            sum += d * d
        }
        return sum / Double(probabilities.count)
    }
}
