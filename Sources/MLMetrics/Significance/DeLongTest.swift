/// DeLong's test for the difference of two correlated ROC-AUCs: two models (e.g. champion and
/// challenger) scored on the SAME rows with the same labels.
///
/// Computed with the fast algorithm of Sun & Xu (2014, "Fast implementation of DeLong's
/// algorithm for comparing the areas under correlated receiver operating characteristic
/// curves", IEEE Signal Processing Letters 21(11)) in O(n log n): for each model, with m
/// positives X and n negatives Y, mid-ranks T_X, T_Y and T_Z of X, Y and Z = X ∪ Y give
/// AUC = (Σᵢ T_Z(xᵢ) − m(m+1)/2) / (m·n) (ties count ½, the same value as ``RankedBinaryScores/rocAUC()``),
/// the structural components V₁₀(xᵢ) = (T_Z(xᵢ) − T_X(xᵢ)) / n and V₀₁(yⱼ) = 1 − (T_Z(yⱼ) − T_Y(yⱼ)) / m,
/// and the covariance matrix S = S₁₀/m + S₀₁/n of the two AUCs, where S₁₀ and S₀₁ are the
/// sample covariances (divisor m − 1 and n − 1) of the components. Then
/// z = (AUC₁ − AUC₂) / √(S₁₁ + S₂₂ − 2·S₁₂) and the two-sided p = erfc(|z|/√2).
///
/// When the variance of the difference is 0 (e.g. identical scores), z is 0 and p is 1 if the
/// AUCs are equal, otherwise z = ±∞ and p = 0.
public struct DeLongTest: Sendable, Codable, Equatable {
    /// ROC-AUC of the first model.
    public let auc1: Double
    /// ROC-AUC of the second model.
    public let auc2: Double
    /// DeLong variance of AUC₁.
    public let variance1: Double
    /// DeLong variance of AUC₂.
    public let variance2: Double
    /// DeLong covariance of AUC₁ and AUC₂.
    public let covariance: Double
    /// z = (AUC₁ − AUC₂) / √(var₁ + var₂ − 2·cov).
    public let z: Double
    /// Two-sided p-value P(|Z| ≥ |z|).
    public let pValue: Double

    /// AUC₁ − AUC₂.
    public var difference: Double { auc1 - auc2 }
    /// The standard error of the difference, √(var₁ + var₂ − 2·cov) (0 when degenerate).
    public var standardError: Double { Swift.max(0, variance1 + variance2 - 2 * covariance).squareRoot() }

    /// Runs the test.
    /// - Parameters:
    ///   - scores1: the first model's scores, one per row, finite.
    ///   - scores2: the second model's scores on the same rows.
    ///   - labels: 0/1 labels of the rows.
    /// - Throws: ``MetricError`` `.emptyInput`, `.lengthMismatch`, `.invalidLabel`,
    ///   `.nonFiniteValue`, and `.undefinedMetric` with fewer than 2 positives or 2 negatives
    ///   (the covariances need two of each).
    public init(scores1: [Double], scores2: [Double], labels: [Int]) throws {
        try _Validation.sameLength(labels.count, "labels", scores1.count, "scores1")
        try self.init(validated: scores1, scores2, labels: _Validation.binaryLabels(labels))
    }

    /// As the `[Int]` initializer, `true` meaning positive.
    public init(scores1: [Double], scores2: [Double], labels: [Bool]) throws {
        try _Validation.sameLength(labels.count, "labels", scores1.count, "scores1")
        try self.init(validated: scores1, scores2, labels: _Validation.binaryLabels(labels))
    }

    init(validated scores1: [Double], _ scores2: [Double], labels: [UInt8]) throws {
        try _Validation.sameLength(labels.count, "labels", scores2.count, "scores2")
        try _Validation.nonEmpty(labels.count, "labels")
        try _Validation.finite(scores1, "scores1")
        try _Validation.finite(scores2, "scores2")
        let m = labels.reduce(0) { $0 + Int($1) }
        let n = labels.count - m
        guard m >= 2, n >= 2 else {
            throw MetricError(
                .undefinedMetric, "DeLong's test needs at least 2 positives and 2 negatives, got \(m) and \(n)",
                argument: "labels")
        }
        let a = Self.components(scores1, labels: labels, m: m, n: n)
        let b = Self.components(scores2, labels: labels, m: m, n: n)
        func sampleCovariance(_ u: [Double], _ v: [Double]) -> Double {
            let mu = u.reduce(0, +) / Double(u.count)
            let mv = v.reduce(0, +) / Double(v.count)
            var s = 0.0
            for (x, y) in zip(u, v) { s += (x - mu) * (y - mv) }
            return s / Double(u.count - 1)
        }
        let var1 = sampleCovariance(a.positive, a.positive) / Double(m) + sampleCovariance(a.negative, a.negative) / Double(n)
        let var2 = sampleCovariance(b.positive, b.positive) / Double(m) + sampleCovariance(b.negative, b.negative) / Double(n)
        let cov = sampleCovariance(a.positive, b.positive) / Double(m) + sampleCovariance(a.negative, b.negative) / Double(n)
        auc1 = a.auc
        auc2 = b.auc
        variance1 = var1
        variance2 = var2
        covariance = cov
        let varianceOfDifference = var1 + var2 - 2 * cov
        if varianceOfDifference > 0 {
            z = (a.auc - b.auc) / varianceOfDifference.squareRoot()
        } else if a.auc == b.auc {
            z = 0
        } else {
            z = a.auc > b.auc ? .infinity : -.infinity
        }
        pValue = NormalDistribution.twoSidedPValue(z: z)
    }

    /// AUC and structural components of one model (Sun & Xu's V₁₀ over positives, V₀₁ over negatives).
    static func components(_ scores: [Double], labels: [UInt8], m: Int, n: Int)
        -> (auc: Double, positive: [Double], negative: [Double])
    {
        var x: [Double] = []
        var y: [Double] = []
        x.reserveCapacity(m)
        y.reserveCapacity(n)
        for (s, l) in zip(scores, labels) {
            if l == 1 { x.append(s) } else { y.append(s) }
        }
        let tx = _Midranks.of(x)
        let ty = _Midranks.of(y)
        let tz = _Midranks.of(x + y)
        var rankSum = 0.0
        for i in 0..<m { rankSum += tz[i] }
        let auc = (rankSum - Double(m) * Double(m + 1) / 2) / (Double(m) * Double(n))
        let positive = (0..<m).map { (tz[$0] - tx[$0]) / Double(n) }
        let negative = (0..<n).map { 1 - (tz[m + $0] - ty[$0]) / Double(m) }
        return (auc, positive, negative)
    }
}
