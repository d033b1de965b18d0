/// The receiver operating characteristic curve, as scikit-learn's `roc_curve`.
///
/// Point k predicts positive every row whose score is ≥ `thresholds[k]`. The first point is
/// (0, 0) at threshold `+∞`; then one point per distinct score from highest to lowest, the
/// last being (1, 1). With `dropIntermediate` (scikit-learn's default) a point is dropped when
/// the second differences of both the false-positive and the true-positive counts are zero
/// there (it lies on a straight segment between its neighbours with equal steps), exactly as
/// scikit-learn's `np.diff(fps, 2)`/`np.diff(tps, 2)` rule; the first and last distinct-score
/// points are always kept. Dropping never changes the area.
public struct ROCCurve: Sendable, Equatable, Codable {
    /// False-positive rate FP/N at each point, non-decreasing, in `[0, 1]`.
    public let falsePositiveRates: [Double]
    /// True-positive rate (recall) TP/P at each point, non-decreasing, in `[0, 1]`.
    public let truePositiveRates: [Double]
    /// Decision thresholds, decreasing; `thresholds[0]` is `+∞`.
    public let thresholds: [Double]

    /// Creates a curve from its three arrays (no checks: the library builds consistent ones).
    public init(falsePositiveRates: [Double], truePositiveRates: [Double], thresholds: [Double]) {
        self.falsePositiveRates = falsePositiveRates
        self.truePositiveRates = truePositiveRates
        self.thresholds = thresholds
    }

    /// The area under the curve by the trapezoid rule (scikit-learn's `auc(fpr, tpr)`).
    public var area: Double { _Trapezoid.signedArea(x: falsePositiveRates, y: truePositiveRates) }
}

extension RankedBinaryScores {
    /// The ROC curve (see ``ROCCurve``).
    /// - Parameter dropIntermediate: drop collinear points as scikit-learn does (default `true`).
    /// - Throws: ``MetricError`` `.undefinedMetric` when only one class is present
    ///   (scikit-learn returns NaN rates with a warning).
    public func rocCurve(dropIntermediate: Bool = true) throws -> ROCCurve {
        try requireBothClasses("the ROC curve")
        var keys: [UInt64] = []
        var tps: [Int] = []
        var fps: [Int] = []
        forEachThreshold { key, tp, fp in
            keys.append(key)
            tps.append(tp)
            fps.append(fp)
        }
        var keep = [Bool](repeating: true, count: keys.count)
        if dropIntermediate && keys.count > 2 {
            for k in 1..<(keys.count - 1) {
                let fpCorner = fps[k + 1] - 2 * fps[k] + fps[k - 1]
                let tpCorner = tps[k + 1] - 2 * tps[k] + tps[k - 1]
                keep[k] = fpCorner != 0 || tpCorner != 0
            }
        }
        let p = Double(positiveCount)
        let n = Double(negativeCount)
        var fpr: [Double] = [0]
        var tpr: [Double] = [0]
        var thresholds: [Double] = [.infinity]
        for k in 0..<keys.count where keep[k] {
            fpr.append(Double(fps[k]) / n)
            tpr.append(Double(tps[k]) / p)
            thresholds.append(_OrderedKey.value(keys[k]))
        }
        return ROCCurve(falsePositiveRates: fpr, truePositiveRates: tpr, thresholds: thresholds)
    }
}
