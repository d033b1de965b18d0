/// The precision–recall curve, as scikit-learn's `precision_recall_curve`.
///
/// Arrays run from the LOWEST threshold to the highest, as scikit-learn returns them:
/// `thresholds[k]` is the k-th distinct score in increasing order and `precisions[k]`,
/// `recalls[k]` are the values when every row scoring ≥ `thresholds[k]` is predicted
/// positive. A final point (precision 1, recall 0) without a threshold ends both arrays, so
/// they are one longer than ``thresholds``. Precision is 0 where nothing is predicted positive
/// (scikit-learn's convention). With `dropIntermediate` (default `false`, as scikit-learn)
/// points whose true-positive count equals both neighbours' are dropped (only the first and last
/// point of each vertical run remain).
public struct PrecisionRecallCurve: Sendable, Equatable, Codable {
    /// Precision TP/(TP+FP) at each threshold, then 1.
    public let precisions: [Double]
    /// Recall TP/P at each threshold (non-increasing), then 0.
    public let recalls: [Double]
    /// The distinct scores used as thresholds, increasing.
    public let thresholds: [Double]

    /// Creates a curve from its three arrays (no checks: the library builds consistent ones).
    public init(precisions: [Double], recalls: [Double], thresholds: [Double]) {
        self.precisions = precisions
        self.recalls = recalls
        self.thresholds = thresholds
    }

    /// The trapezoidal area under the curve, scikit-learn's `auc(recall, precision)`; given for
    /// reference: average precision (the step sum) is the recommended summary.
    public var trapezoidalArea: Double {
        // Recall decreases along the curve: the area is the negated signed sum.
        0 - _Trapezoid.signedArea(x: recalls, y: precisions)
    }
}

extension RankedBinaryScores {
    /// The precision–recall curve (see ``PrecisionRecallCurve``).
    /// - Throws: ``MetricError`` `.undefinedMetric` when there are no positive rows (recall is
    ///   undefined; scikit-learn sets it to 1 with a warning).
    public func precisionRecallCurve(dropIntermediate: Bool = false) throws -> PrecisionRecallCurve {
        guard positiveCount > 0 else {
            throw MetricError(
                .undefinedMetric, "the precision-recall curve is undefined without positive labels",
                argument: "labels")
        }
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
                keep[k] = tps[k] != tps[k - 1] || tps[k + 1] != tps[k]
            }
        }
        let p = Double(positiveCount)
        var precisions: [Double] = []
        var recalls: [Double] = []
        var thresholds: [Double] = []
        for k in stride(from: keys.count - 1, through: 0, by: -1) where keep[k] {
            let predicted = tps[k] + fps[k]
            precisions.append(predicted == 0 ? 0 : Double(tps[k]) / Double(predicted))
            recalls.append(Double(tps[k]) / p)
            thresholds.append(_OrderedKey.value(keys[k]))
        }
        precisions.append(1)
        recalls.append(0)
        return PrecisionRecallCurve(precisions: precisions, recalls: recalls, thresholds: thresholds)
    }
}
