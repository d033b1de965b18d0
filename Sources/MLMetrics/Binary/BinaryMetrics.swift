/// Binary classification metrics with scikit-learn's definitions, one call each.
///
/// Each ranking function here sorts its input; to compute several from one sort build a
/// ``RankedBinaryScores`` or call ``report(scores:labels:threshold:)``. Labels are `[Int]` 0/1
/// or `[Bool]`; scores are finite doubles, higher meaning "more likely positive".
///
/// ```swift
/// let auc = try BinaryMetrics.rocAUC(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])  // 0.75
/// ```
public enum BinaryMetrics {
    /// ROC-AUC as scikit-learn's `roc_auc_score`; see ``RankedBinaryScores/rocAUC()``.
    /// - Throws: ``MetricError`` for empty, mismatched, non-0/1, NaN/∞ input or one class.
    public static func rocAUC(scores: [Double], labels: [Int]) throws -> Double {
        try RankedBinaryScores(scores: scores, labels: labels).rocAUC()
    }

    /// ROC-AUC with `true` meaning positive.
    public static func rocAUC(scores: [Double], labels: [Bool]) throws -> Double {
        try RankedBinaryScores(scores: scores, labels: labels).rocAUC()
    }

    /// Average precision as scikit-learn's `average_precision_score`; see
    /// ``RankedBinaryScores/averagePrecision()``.
    /// - Throws: ``MetricError`` for empty, mismatched, non-0/1, NaN/∞ input or no positives.
    public static func averagePrecision(scores: [Double], labels: [Int]) throws -> Double {
        try RankedBinaryScores(scores: scores, labels: labels).averagePrecision()
    }

    /// Average precision with `true` meaning positive.
    public static func averagePrecision(scores: [Double], labels: [Bool]) throws -> Double {
        try RankedBinaryScores(scores: scores, labels: labels).averagePrecision()
    }

    /// The ROC curve as scikit-learn's `roc_curve`; see ``ROCCurve``.
    public static func rocCurve(scores: [Double], labels: [Int], dropIntermediate: Bool = true) throws -> ROCCurve {
        try RankedBinaryScores(scores: scores, labels: labels).rocCurve(dropIntermediate: dropIntermediate)
    }

    /// The precision–recall curve as scikit-learn's `precision_recall_curve`; see
    /// ``PrecisionRecallCurve``.
    public static func precisionRecallCurve(
        scores: [Double], labels: [Int], dropIntermediate: Bool = false
    ) throws -> PrecisionRecallCurve {
        try RankedBinaryScores(scores: scores, labels: labels).precisionRecallCurve(dropIntermediate: dropIntermediate)
    }

    /// The confusion matrix at `threshold` (score ≥ threshold is positive), one pass, no sort.
    public static func confusionMatrix(scores: [Double], labels: [Int], threshold: Double = 0.5) throws
        -> BinaryConfusionMatrix
    {
        try BinaryConfusionMatrix(scores: scores, labels: labels, threshold: threshold)
    }

    /// Every binary metric from one sort: ROC-AUC, average precision, log loss and Brier score
    /// (when the scores are probabilities), and the confusion matrix with its rates at
    /// `threshold`. See ``BinaryClassificationReport``.
    /// - Throws: ``MetricError`` for empty, mismatched, non-0/1, NaN/∞ input, one class, or a
    ///   NaN threshold.
    public static func report(scores: [Double], labels: [Int], threshold: Double = 0.5) throws
        -> BinaryClassificationReport
    {
        try _Validation.sameLength(scores.count, "scores", labels.count, "labels")
        return try BinaryClassificationReport(
            validatedScores: scores, labels: _Validation.binaryLabels(labels), threshold: threshold)
    }

    /// ``report(scores:labels:threshold:)-([Double],[Int],_)`` with `true` meaning positive.
    public static func report(scores: [Double], labels: [Bool], threshold: Double = 0.5) throws
        -> BinaryClassificationReport
    {
        try _Validation.sameLength(scores.count, "scores", labels.count, "labels")
        return try BinaryClassificationReport(
            validatedScores: scores, labels: _Validation.binaryLabels(labels), threshold: threshold)
    }
}

/// The usual binary metrics of one scored data set, computed from one sort.
///
/// Key names follow scikit-learn (and the fixtures' `expected.json`) when encoded:
/// `roc_auc`, `average_precision`, `log_loss`, `brier_score`, `threshold`, `accuracy`,
/// `precision`, `recall`, `f1`, `specificity`, `tn`, `fp`, `fn`, `tp`.
public struct BinaryClassificationReport: Sendable, Codable, Equatable {
    /// Number of rows.
    public let count: Int
    /// Number of rows labelled 1.
    public let positiveCount: Int
    /// ROC-AUC (``RankedBinaryScores/rocAUC()``).
    public let rocAUC: Double
    /// Average precision (``RankedBinaryScores/averagePrecision()``).
    public let averagePrecision: Double
    /// Log loss, nil when some score is outside `[0, 1]` (then the scores are not probabilities).
    public let logLoss: Double?
    /// Brier score, nil when some score is outside `[0, 1]`.
    public let brierScore: Double?
    /// The decision threshold (score ≥ threshold is positive).
    public let threshold: Double
    /// Counts at ``threshold``.
    public let confusion: BinaryConfusionMatrix

    /// Accuracy at ``threshold``.
    public var accuracy: Double { confusion.accuracy }
    /// Precision at ``threshold`` (0 when nothing is predicted positive).
    public var precision: Double { confusion.precision }
    /// Recall at ``threshold``.
    public var recall: Double { confusion.recall }
    /// F1 at ``threshold``.
    public var f1: Double { confusion.f1 }
    /// Specificity at ``threshold``.
    public var specificity: Double { confusion.specificity }
    /// False-positive rate at ``threshold``.
    public var falsePositiveRate: Double { confusion.falsePositiveRate }
    /// False-negative rate at ``threshold``.
    public var falseNegativeRate: Double { confusion.falseNegativeRate }

    init(validatedScores scores: [Double], labels: [UInt8], threshold: Double) throws {
        let ranked = try RankedBinaryScores(validatedScores: scores, labels: labels)
        let (auc, ap) = try ranked.rocAUCAndAveragePrecision()
        count = ranked.count
        positiveCount = ranked.positiveCount
        rocAUC = auc
        averagePrecision = ap
        if scores.allSatisfy({ $0 >= 0 && $0 <= 1 }) {
            logLoss = try BinaryMetrics.logLoss(validated: scores, labels: labels)
            brierScore = try BinaryMetrics.brierScore(validated: scores, labels: labels)
        } else {
            logLoss = nil
            brierScore = nil
        }
        self.threshold = threshold
        confusion = try ranked.confusionMatrix(threshold: threshold)
    }

    enum CodingKeys: String, CodingKey {
        case count = "n", positiveCount = "n_positive", rocAUC = "roc_auc", averagePrecision = "average_precision"
        case logLoss = "log_loss", brierScore = "brier_score", threshold, accuracy, precision, recall, f1
        case specificity, tn, fp, fn, tp
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decode(Int.self, forKey: .count)
        positiveCount = try c.decode(Int.self, forKey: .positiveCount)
        rocAUC = try c.decode(Double.self, forKey: .rocAUC)
        averagePrecision = try c.decode(Double.self, forKey: .averagePrecision)
        logLoss = try c.decodeIfPresent(Double.self, forKey: .logLoss)
        brierScore = try c.decodeIfPresent(Double.self, forKey: .brierScore)
        threshold = try c.decode(Double.self, forKey: .threshold)
        confusion = BinaryConfusionMatrix(
            trueNegatives: try c.decode(Int.self, forKey: .tn), falsePositives: try c.decode(Int.self, forKey: .fp),
            falseNegatives: try c.decode(Int.self, forKey: .fn), truePositives: try c.decode(Int.self, forKey: .tp))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        try c.encode(positiveCount, forKey: .positiveCount)
        try c.encode(rocAUC, forKey: .rocAUC)
        try c.encode(averagePrecision, forKey: .averagePrecision)
        try c.encodeIfPresent(logLoss, forKey: .logLoss)
        try c.encodeIfPresent(brierScore, forKey: .brierScore)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(accuracy, forKey: .accuracy)
        try c.encode(precision, forKey: .precision)
        try c.encode(recall, forKey: .recall)
        try c.encode(f1, forKey: .f1)
        try c.encode(specificity, forKey: .specificity)
        try c.encode(confusion.trueNegatives, forKey: .tn)
        try c.encode(confusion.falsePositives, forKey: .fp)
        try c.encode(confusion.falseNegatives, forKey: .fn)
        try c.encode(confusion.truePositives, forKey: .tp)
    }
}
