extension RankedBinaryScores {
    /// The area under the ROC curve, as scikit-learn's `roc_auc_score` for binary labels.
    ///
    /// Definition: the trapezoid rule over the ROC points at the distinct score thresholds
    /// (false-positive rate on x, true-positive rate on y), starting at (0, 0). Equivalently
    /// the probability that a random positive scores higher than a random negative, a tie
    /// counting ½ (the Mann–Whitney U statistic divided by P·N). Computed exactly: the sum
    /// Σ (fp_k − fp_{k−1})(tp_k + tp_{k−1}) is accumulated in 128-bit integers and divided by
    /// 2·P·N once, so the value is the correctly rounded area (scikit-learn's floating
    /// trapezoid agrees to about 1e-15). Scikit-learn's `drop_intermediate` removes only
    /// collinear points and does not change the area.
    ///
    /// - Returns: a value in `[0, 1]`; 0.5 for uninformative (e.g. all-equal) scores.
    /// - Throws: ``MetricError`` `.undefinedMetric` when only one class is present
    ///   (scikit-learn warns and returns NaN there).
    public func rocAUC() throws -> Double {
        try requireBothClasses("ROC-AUC")
        var twiceArea: Int128 = 0
        var previousTP = 0
        var previousFP = 0
        forEachThreshold { _, tp, fp in
            twiceArea += Int128(fp - previousFP) * Int128(tp + previousTP)
            previousTP = tp
            previousFP = fp
        }
        let denominator = Int128(positiveCount) * Int128(negativeCount) * 2
        return Self.ratio(twiceArea, denominator)
    }

    /// `numerator / denominator` for non-negative 128-bit integers, correctly rounded when both
    /// fit in 53 bits and within one ulp otherwise.
    static func ratio(_ numerator: Int128, _ denominator: Int128) -> Double {
        if numerator == denominator { return 1 }
        let limit: Int128 = 1 << 53
        if numerator < limit && denominator < limit { return Double(numerator) / Double(denominator) }
        // Split off the integer part so the fraction keeps full precision.
        let whole = numerator / denominator
        let rest = numerator % denominator
        return Double(whole) + Double(rest) / Double(denominator)
    }
}
