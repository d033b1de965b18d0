/// One candidate decision threshold: predict positive when score ≥ ``threshold``.
public struct ThresholdPoint: Sendable, Hashable, Codable {
    /// The threshold (one of the distinct scores).
    public let threshold: Double
    /// Counts at this threshold; precision, recall, F1… are its properties.
    public let confusion: BinaryConfusionMatrix

    /// Creates a point.
    public init(threshold: Double, confusion: BinaryConfusionMatrix) {
        self.threshold = threshold
        self.confusion = confusion
    }
}

/// Every distinct score as a decision threshold, with the usual ways of choosing one.
///
/// The candidates are the distinct scores (a row is positive when its score is ≥ the
/// threshold); "predict nothing positive" (threshold +∞) is not a candidate. Ratios with a zero
/// denominator are 0 (scikit-learn's `zero_division=0`). Ties between equally good thresholds
/// go to the HIGHEST threshold (the first met when walking down from the top score).
public struct ThresholdSweep: Sendable, Codable {
    /// All candidates, from the highest threshold to the lowest.
    public let points: [ThresholdPoint]

    /// Sweeps the distinct scores of `ranked` (O(n) after its sort).
    public init(_ ranked: RankedBinaryScores) {
        var points: [ThresholdPoint] = []
        let p = ranked.positiveCount
        let n = ranked.negativeCount
        ranked.forEachThreshold { key, tp, fp in
            points.append(
                ThresholdPoint(
                    threshold: _OrderedKey.value(key),
                    confusion: BinaryConfusionMatrix(
                        trueNegatives: n - fp, falsePositives: fp, falseNegatives: p - tp, truePositives: tp)))
        }
        self.points = points
    }

    /// The point of highest F1 (highest threshold among ties). Never nil: there is at least one score.
    public var bestF1: ThresholdPoint { best(by: { $0.f1 }) ?? fallback }

    /// The point of highest Youden's J = TPR − FPR (highest threshold among ties).
    public var bestYoudenJ: ThresholdPoint { best(by: { $0.youdenJ }) ?? fallback }

    /// The point of highest precision among those with recall ≥ `minimumRecall`; nil when no
    /// threshold reaches that recall (or `minimumRecall` is NaN).
    public func bestPrecision(atRecallAtLeast minimumRecall: Double) -> ThresholdPoint? {
        best(by: { $0.precision }, where: { $0.recall >= minimumRecall })
    }

    /// The point of highest recall among those with precision ≥ `minimumPrecision`; nil when no
    /// threshold reaches that precision (or `minimumPrecision` is NaN).
    public func bestRecall(atPrecisionAtLeast minimumPrecision: Double) -> ThresholdPoint? {
        best(by: { $0.recall }, where: { $0.precision >= minimumPrecision })
    }

    private var fallback: ThresholdPoint {
        points.first ?? ThresholdPoint(threshold: .infinity, confusion: BinaryConfusionMatrix(
            trueNegatives: 0, falsePositives: 0, falseNegatives: 0, truePositives: 0))
    }

    private func best(
        by value: (BinaryConfusionMatrix) -> Double,
        where admissible: (BinaryConfusionMatrix) -> Bool = { _ in true }
    ) -> ThresholdPoint? {
        var chosen: ThresholdPoint?
        var chosenValue = -Double.infinity
        for point in points where admissible(point.confusion) {
            let v = value(point.confusion)
            if chosen == nil || v > chosenValue {
                chosen = point
                chosenValue = v
            }
        }
        return chosen
    }
}

extension RankedBinaryScores {
    /// The threshold sweep over the distinct scores (see ``ThresholdSweep``).
    public func thresholdSweep() -> ThresholdSweep { ThresholdSweep(self) }
}
