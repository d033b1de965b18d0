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
///
/// Stored compactly (a threshold and two cumulative counts per distinct score), so a sweep of
/// ten million distinct scores costs about 240 MB; ``points`` materialises the full list.
public struct ThresholdSweep: Sendable, Codable, Equatable {
    /// The distinct scores, from highest to lowest.
    public let thresholds: [Double]
    /// Positives scoring ≥ each threshold (cumulative true positives).
    public let truePositives: [Int]
    /// Negatives scoring ≥ each threshold (cumulative false positives).
    public let falsePositives: [Int]
    /// Number of positive rows.
    public let positiveCount: Int
    /// Number of negative rows.
    public let negativeCount: Int

    /// Sweeps the distinct scores of `ranked` (O(n) after its sort).
    public init(_ ranked: RankedBinaryScores) {
        var thresholds: [Double] = []
        var tps: [Int] = []
        var fps: [Int] = []
        ranked.forEachThreshold { key, tp, fp in
            thresholds.append(_OrderedKey.value(key))
            tps.append(tp)
            fps.append(fp)
        }
        self.thresholds = thresholds
        truePositives = tps
        falsePositives = fps
        positiveCount = ranked.positiveCount
        negativeCount = ranked.negativeCount
    }

    /// Number of candidate thresholds.
    public var count: Int { Swift.min(thresholds.count, truePositives.count, falsePositives.count) }

    /// The candidate at position `index` (0 = highest threshold), nil outside `0..<count`.
    public func point(at index: Int) -> ThresholdPoint? {
        guard index >= 0, index < count else { return nil }
        let tp = truePositives[index]
        let fp = falsePositives[index]
        return ThresholdPoint(
            threshold: thresholds[index],
            confusion: BinaryConfusionMatrix(
                trueNegatives: BinaryConfusionMatrix.difference(negativeCount, fp), falsePositives: fp,
                falseNegatives: BinaryConfusionMatrix.difference(positiveCount, tp), truePositives: tp))
    }

    /// All candidates, from the highest threshold to the lowest.
    public var points: [ThresholdPoint] { (0..<count).compactMap { point(at: $0) } }

    /// The point of highest F1 (highest threshold among ties); nil only for a decoded empty sweep.
    public var bestF1: ThresholdPoint? { best(by: { $0.f1 }) }

    /// The point of highest Youden's J = TPR − FPR (highest threshold among ties).
    public var bestYoudenJ: ThresholdPoint? { best(by: { $0.youdenJ }) }

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

    private func best(
        by value: (BinaryConfusionMatrix) -> Double,
        where admissible: (BinaryConfusionMatrix) -> Bool = { _ in true }
    ) -> ThresholdPoint? {
        var chosen: ThresholdPoint?
        var chosenValue = -Double.infinity
        for index in 0..<count {
            guard let point = point(at: index), admissible(point.confusion) else { continue }
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
