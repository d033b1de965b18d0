extension RankedBinaryScores {
    /// Average precision, as scikit-learn's `average_precision_score` for binary labels.
    ///
    /// Definition: AP = Σₙ (Rₙ − Rₙ₋₁) · Pₙ over the DISTINCT score thresholds from highest
    /// to lowest, with R₀ = 0, where Pₙ and Rₙ are the precision and recall when every row
    /// scoring ≥ the n-th threshold is predicted positive. A group of tied scores is one step;
    /// there is no interpolation (this is not the trapezoidal PR-AUC).
    ///
    /// - Returns: a value in `[0, 1]`; 1 when all rows are positive.
    /// - Throws: ``MetricError`` `.undefinedMetric` when there are no positive rows (recall is
    ///   undefined; scikit-learn warns and returns 0 there).
    public func averagePrecision() throws -> Double {
        guard positiveCount > 0 else {
            throw MetricError(
                .undefinedMetric, "average precision is undefined without positive labels (all \(count) are 0)",
                argument: "labels")
        }
        var sum = 0.0
        var previousTP = 0
        forEachThreshold { _, tp, fp in
            if tp != previousTP {
                sum += Double(tp - previousTP) * (Double(tp) / Double(tp + fp))
                previousTP = tp
            }
        }
        return Swift.max(0, sum / Double(positiveCount))
    }

    /// ROC-AUC and average precision from one merge of the sorted classes.
    ///
    /// Same values as ``rocAUC()`` and ``averagePrecision()``; use it when both are wanted.
    /// - Throws: ``MetricError`` `.undefinedMetric` when only one class is present.
    public func rocAUCAndAveragePrecision() throws -> (rocAUC: Double, averagePrecision: Double) {
        try requireBothClasses("ROC-AUC")
        var twiceArea: Int128 = 0
        var apSum = 0.0
        var previousTP = 0
        var previousFP = 0
        forEachThreshold { _, tp, fp in
            twiceArea += Int128(fp - previousFP) * Int128(tp + previousTP)
            if tp != previousTP {
                apSum += Double(tp - previousTP) * (Double(tp) / Double(tp + fp))
            }
            previousTP = tp
            previousFP = fp
        }
        let auc = Self.ratio(twiceArea, Int128(positiveCount) * Int128(negativeCount) * 2)
        return (auc, Swift.max(0, apSum / Double(positiveCount)))
    }
}
