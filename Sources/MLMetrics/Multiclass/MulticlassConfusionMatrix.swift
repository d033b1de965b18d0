/// The K × K confusion matrix of single-label multiclass predictions and the per-class and
/// averaged precision, recall and F1 derived from it, as scikit-learn's
/// `precision_recall_fscore_support` with `zero_division=0`.
///
/// `counts[t][p]` is the number of rows of true class `t` predicted as `p` (rows = true class,
/// columns = predicted class). Per-class values cover all K classes; a ratio with a zero
/// denominator is 0. Averages follow scikit-learn, which averages over the classes that occur
/// in the labels or the predictions (`unique_labels(y_true, y_pred)`): a class that is neither
/// present nor predicted is left out of the macro average and of ``minimumClassF1``.
public struct MulticlassConfusionMatrix: Sendable, Hashable, Codable {
    /// Number of classes K.
    public let classCount: Int
    /// `counts[true][predicted]`.
    public let counts: [[Int]]

    /// Counts predictions against labels.
    /// - Parameters:
    ///   - predicted: predicted class per row, in `0..<classCount`.
    ///   - labels: true class per row, in `0..<classCount`.
    ///   - classCount: K ≥ 2.
    /// - Throws: ``MetricError`` `.emptyInput`, `.lengthMismatch`, `.invalidLabel` (naming the
    ///   first index outside `0..<K`), `.invalidArgument` for K < 2.
    public init(predicted: [Int], labels: [Int], classCount: Int) throws {
        guard classCount >= 2, classCount <= Self.maximumClassCount else {
            throw MetricError(
                .invalidArgument, "classCount must be in 2...\(Self.maximumClassCount), got \(classCount)",
                argument: "classCount")
        }
        try _Validation.nonEmpty(labels.count, "labels")
        try _Validation.sameLength(labels.count, "labels", predicted.count, "predicted")
        try _Validation.classLabels(labels, classCount: classCount)
        try _Validation.classLabels(predicted, classCount: classCount, "predicted")
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (t, p) in zip(labels, predicted) { counts[t][p] += 1 }
        self.classCount = classCount
        self.counts = counts
    }

    /// The largest class count accepted (the matrix has K² cells).
    public static let maximumClassCount = 4096

    /// Decodes and checks the shape (K × K, 2 ≤ K ≤ ``maximumClassCount``) and that the counts
    /// are non-negative with a total that fits in `Int`; throws ``MetricError`` otherwise.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let k = try c.decode(Int.self, forKey: .classCount)
        let counts = try c.decode([[Int]].self, forKey: .counts)
        guard k >= 2, k <= Self.maximumClassCount, counts.count == k, counts.allSatisfy({ $0.count == k }) else {
            throw MetricError(.shapeMismatch, "confusion matrix must be K × K with 2 ≤ K ≤ \(Self.maximumClassCount)", argument: "counts")
        }
        var total = 0
        for row in counts {
            for v in row {
                let (s, overflow) = total.addingReportingOverflow(v)
                guard v >= 0, !overflow else {
                    throw MetricError(.outOfRange, "counts must be non-negative with a total that fits in Int", argument: "counts")
                }
                total = s
            }
        }
        self.classCount = k
        self.counts = counts
    }

    enum CodingKeys: String, CodingKey { case classCount, counts }

    /// Number of rows.
    public var count: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// True rows per class (support).
    public var support: [Int] { counts.map { $0.reduce(0, +) } }
    /// Predicted rows per class.
    public var predictedCounts: [Int] { (0..<classCount).map { p in counts.reduce(0) { $0 + $1[p] } } }
    /// Correct predictions per class (the diagonal).
    public var truePositives: [Int] { (0..<classCount).map { counts[$0][$0] } }

    /// Fraction of rows predicted correctly; equals micro-averaged F1, precision and recall.
    public var accuracy: Double { BinaryConfusionMatrix.ratio(truePositives.reduce(0, +), count) }
    /// Per-class precision tp_k / predicted_k (0 when class k is never predicted).
    public var precisions: [Double] {
        zip(truePositives, predictedCounts).map { BinaryConfusionMatrix.ratio($0, $1) }
    }
    /// Per-class recall tp_k / support_k (0 when class k never occurs).
    public var recalls: [Double] { zip(truePositives, support).map { BinaryConfusionMatrix.ratio($0, $1) } }
    /// Per-class F1 = 2·tp_k / (support_k + predicted_k) (0 when both are 0).
    public var f1Scores: [Double] {
        let tp = truePositives, s = support, p = predictedCounts
        return (0..<classCount).map {
            BinaryConfusionMatrix.ratio(2 * Double(tp[$0]), Double(s[$0]) + Double(p[$0]))
        }
    }

    /// Classes that occur in the labels or the predictions (scikit-learn's label set).
    public var presentClasses: [Int] {
        let s = support
        let p = predictedCounts
        return (0..<classCount).filter { s[$0] > 0 || p[$0] > 0 }
    }

    /// Unweighted mean of the per-class F1 over ``presentClasses``.
    public var macroF1: Double {
        let present = presentClasses
        let f1 = f1Scores
        return present.isEmpty ? 0 : present.reduce(0.0) { $0 + f1[$1] } / Double(present.count)
    }

    /// Mean of the per-class F1 weighted by support (true rows per class).
    public var weightedF1: Double {
        let s = support
        let f1 = f1Scores
        let total = s.reduce(0, +)
        guard total > 0 else { return 0 }
        var sum = 0.0
        for k in 0..<classCount { sum += f1[k] * Double(s[k]) }
        return sum / Double(total)
    }

    /// Micro-averaged F1 (global tp, fp, fn); for single-label data it equals ``accuracy``.
    public var microF1: Double { accuracy }

    /// Unweighted mean of the per-class precision over ``presentClasses``.
    public var macroPrecision: Double { macro(precisions) }
    /// Unweighted mean of the per-class recall over ``presentClasses`` (balanced accuracy when
    /// every class occurs in the labels).
    public var macroRecall: Double { macro(recalls) }

    /// The smallest per-class F1 over ``presentClasses`` (the weakest class).
    public var minimumClassF1: Double {
        let f1 = f1Scores
        return presentClasses.map { f1[$0] }.min() ?? 0
    }

    private func macro(_ values: [Double]) -> Double {
        let present = presentClasses
        return present.isEmpty ? 0 : present.reduce(0.0) { $0 + values[$1] } / Double(present.count)
    }
}
