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
        guard classCount >= 2 else {
            throw MetricError(.invalidArgument, "classCount must be ≥ 2, got \(classCount)", argument: "classCount")
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
        (0..<classCount).map {
            BinaryConfusionMatrix.ratio(2 * truePositives[$0], support[$0] + predictedCounts[$0])
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
