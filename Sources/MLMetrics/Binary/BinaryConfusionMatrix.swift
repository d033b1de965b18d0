/// The 2×2 confusion matrix of binary predictions and the rates derived from it.
///
/// Layout as scikit-learn's `confusion_matrix(y, pred)`: `[[tn, fp], [fn, tp]]` (rows = true
/// class 0/1, columns = predicted 0/1). Every ratio whose denominator is 0 is 0, as
/// scikit-learn's `zero_division=0` (e.g. precision when nothing is predicted positive).
public struct BinaryConfusionMatrix: Sendable, Hashable, Codable {
    /// True negatives: label 0, predicted 0.
    public var trueNegatives: Int
    /// False positives: label 0, predicted 1.
    public var falsePositives: Int
    /// False negatives: label 1, predicted 0.
    public var falseNegatives: Int
    /// True positives: label 1, predicted 1.
    public var truePositives: Int

    /// Creates a matrix from its four counts.
    public init(trueNegatives: Int, falsePositives: Int, falseNegatives: Int, truePositives: Int) {
        self.trueNegatives = trueNegatives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.truePositives = truePositives
    }

    /// Counts predictions `score ≥ threshold` against labels in one pass (no sort).
    ///
    /// - Parameters:
    ///   - scores: one finite score per row.
    ///   - labels: 0/1 labels.
    ///   - threshold: a row is predicted positive when its score is ≥ this value (so a score
    ///     exactly equal to the threshold is positive).
    /// - Throws: ``MetricError`` `.emptyInput`, `.lengthMismatch`, `.invalidLabel`,
    ///   `.nonFiniteValue` (NaN/∞ score), `.invalidArgument` for a NaN threshold.
    public init(scores: [Double], labels: [Int], threshold: Double) throws {
        try _Validation.sameLength(scores.count, "scores", labels.count, "labels")
        try self.init(validatedScores: scores, labels: _Validation.binaryLabels(labels), threshold: threshold)
    }

    /// As the `[Int]` initializer, with `true` meaning positive.
    public init(scores: [Double], labels: [Bool], threshold: Double) throws {
        try _Validation.sameLength(scores.count, "scores", labels.count, "labels")
        try self.init(validatedScores: scores, labels: _Validation.binaryLabels(labels), threshold: threshold)
    }

    init(validatedScores scores: [Double], labels: [UInt8], threshold: Double) throws {
        try _Validation.nonEmpty(scores.count, "scores")
        guard !threshold.isNaN else {
            throw MetricError(.invalidArgument, "threshold is NaN", argument: "threshold")
        }
        var counts = (0, 0, 0, 0)  // tn, fp, fn, tp
        for (i, s) in scores.enumerated() {
            guard s.isFinite else {
                throw MetricError(.nonFiniteValue, "scores must be finite, got \(s)", argument: "scores", index: i)
            }
            let predicted = s >= threshold
            switch (labels[i] == 1, predicted) {
            case (false, false): counts.0 += 1
            case (false, true): counts.1 += 1
            case (true, false): counts.2 += 1
            case (true, true): counts.3 += 1
            }
        }
        self.init(trueNegatives: counts.0, falsePositives: counts.1, falseNegatives: counts.2, truePositives: counts.3)
    }

    /// Total number of rows.
    public var count: Int { Self.sum(Self.sum(trueNegatives, falsePositives), Self.sum(falseNegatives, truePositives)) }
    /// Rows labelled 1 (tp + fn).
    public var positiveCount: Int { Self.sum(truePositives, falseNegatives) }
    /// Rows labelled 0 (tn + fp).
    public var negativeCount: Int { Self.sum(trueNegatives, falsePositives) }
    /// Rows predicted 1 (tp + fp).
    public var predictedPositiveCount: Int { Self.sum(truePositives, falsePositives) }

    /// The matrix as scikit-learn prints it: `[[tn, fp], [fn, tp]]`.
    public var rows: [[Int]] { [[trueNegatives, falsePositives], [falseNegatives, truePositives]] }

    // Ratios are formed in Double (exact for counts below 2⁵³, so identical to integer sums) so
    // that no decoded or hand-made count can overflow.
    private var tn: Double { Double(trueNegatives) }
    private var fp: Double { Double(falsePositives) }
    private var fn: Double { Double(falseNegatives) }
    private var tp: Double { Double(truePositives) }

    /// (tp + tn) / n; 0 for an empty matrix.
    public var accuracy: Double { Self.ratio(tp + tn, tp + tn + fp + fn) }
    /// tp / (tp + fp); 0 when nothing is predicted positive.
    public var precision: Double { Self.ratio(tp, tp + fp) }
    /// tp / (tp + fn) (true-positive rate, sensitivity); 0 without positive labels.
    public var recall: Double { Self.ratio(tp, tp + fn) }
    /// 2·tp / (2·tp + fp + fn), the harmonic mean of precision and recall; 0 when tp = fp = fn = 0.
    public var f1: Double { Self.ratio(2 * tp, 2 * tp + fp + fn) }
    /// tn / (tn + fp) (true-negative rate); 0 without negative labels.
    public var specificity: Double { Self.ratio(tn, tn + fp) }
    /// fp / (fp + tn) = 1 − specificity; 0 without negative labels.
    public var falsePositiveRate: Double { Self.ratio(fp, fp + tn) }
    /// fn / (fn + tp) = 1 − recall; 0 without positive labels.
    public var falseNegativeRate: Double { Self.ratio(fn, fn + tp) }
    /// Youden's J = recall + specificity − 1, in `[-1, 1]`.
    public var youdenJ: Double { recall + specificity - 1 }

    static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }

    static func ratio(_ numerator: Double, _ denominator: Double) -> Double {
        denominator == 0 ? 0 : numerator / denominator
    }

    /// a − b, saturating at `Int.max`/`Int.min` instead of trapping (counts can be decoded).
    static func difference(_ a: Int, _ b: Int) -> Int {
        let (d, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? Int.max : Int.min) : d
    }

    /// a + b, saturating at `Int.max`/`Int.min` instead of trapping (counts can be decoded).
    static func sum(_ a: Int, _ b: Int) -> Int {
        let (s, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : s
    }
}

extension RankedBinaryScores {
    /// The confusion matrix when every row scoring ≥ `threshold` is predicted positive, by binary
    /// search in the sorted scores (O(log n)). Same counts as the one-pass
    /// `BinaryConfusionMatrix(scores:labels:threshold:)`.
    /// - Throws: ``MetricError`` `.invalidArgument` for a NaN threshold.
    public func confusionMatrix(threshold: Double) throws -> BinaryConfusionMatrix {
        guard !threshold.isNaN else {
            throw MetricError(.invalidArgument, "threshold is NaN", argument: "threshold")
        }
        let key = _OrderedKey.key(threshold)
        let tp = Self.countAtLeast(key, in: positiveKeys)
        let fp = Self.countAtLeast(key, in: negativeKeys)
        return BinaryConfusionMatrix(
            trueNegatives: negativeCount - fp, falsePositives: fp,
            falseNegatives: positiveCount - tp, truePositives: tp)
    }
}
