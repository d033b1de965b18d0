import MLCore
import MLMetrics

/// The metrics of one scored data set, binary or multiclass, with scikit-learn's definitions
/// and key names (what `mlctl evaluate --json` prints).
///
/// Binary keys: `task` (`"binary"`), `n`, `n_positive`, `roc_auc`, `average_precision`,
/// `log_loss`, `brier_score`, `ece`, `mce` (the last four only when every score is in
/// [0, 1]), and at `threshold` (score ≥ threshold is positive): `accuracy`, `precision`,
/// `recall`, `f1`, `specificity`, `false_positive_rate`, `false_negative_rate`, `tn`, `fp`,
/// `fn`, `tp` (ratios with a zero denominator are 0, as scikit-learn's `zero_division=0`).
///
/// Multiclass keys (arg-max predictions, first index winning ties): `task`
/// (`"multiclass"`), `n`, `n_classes`, `accuracy`, `macro_f1`, `weighted_f1`, `micro_f1`,
/// `min_class_f1`, `per_class_f1`, `per_class_precision`, `per_class_recall` (lists in class
/// order), `confusion_matrix` (rows = true class), `log_loss`, `brier_score` (not halved),
/// `ece` (top-label), and when every class occurs and rows sum to 1: `roc_auc_ovr_macro`,
/// `roc_auc_ovr_weighted`, `per_class_roc_auc_ovr`.
public enum EvaluationReport: Sendable, Equatable, Encodable {
    /// Metrics of binary scores.
    case binary(BinaryEvaluation)
    /// Metrics of class probabilities.
    case multiclass(MulticlassEvaluation)

    /// Computes every metric of `data`.
    /// - Parameters:
    ///   - threshold: the binary decision threshold (score ≥ threshold is positive); unused for
    ///     multiclass scores.
    ///   - binCount: equal-width bins of the ECE (default 10).
    /// - Throws: ``EvaluationError``: `.invalidArgument` (NaN threshold, bins < 1),
    ///   `.invalidLabel` (binary labels of a single class, where ROC-AUC is undefined),
    ///   `.invalidScore` (multiclass probabilities outside [0, 1]) with the 1-based line.
    public init(_ data: LabeledScores, threshold: Double = 0.5, binCount: Int = 10) throws {
        guard !threshold.isNaN else { throw EvaluationError(.invalidArgument, "the threshold is NaN", field: "threshold") }
        guard binCount >= 1 else {
            throw EvaluationError(.invalidArgument, "bins must be at least 1, got \(binCount)", field: "bins")
        }
        self = try _MetricInput.wrapping {
            switch data.scores {
            case .binary(let scores):
                return .binary(try BinaryEvaluation(scores: scores, labels: data.labels, threshold: threshold, binCount: binCount))
            case .multiclass(let probabilities):
                return .multiclass(try MulticlassEvaluation(probabilities: probabilities, labels: data.labels, binCount: binCount))
            }
        }
    }

    /// Every numeric metric by key name (lists and matrices left out), for gates.
    public var metrics: [String: Double] {
        switch self {
        case .binary(let b): b.metrics
        case .multiclass(let m): m.metrics
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .binary(let b): try b.encode(to: encoder)
        case .multiclass(let m): try m.encode(to: encoder)
        }
    }

    /// A plain-text table of the metrics, one per line, for terminals.
    public var text: String {
        switch self {
        case .binary(let b):
            var lines = ["binary, \(b.report.count) rows (\(b.report.positiveCount) positive)"]
            for (key, value) in b.orderedMetrics { lines.append(_Format.padded(key, 22) + Self.show(value)) }
            let c = b.report.confusion
            lines.append("confusion at \(Self.show(b.report.threshold)) (rows = true 0/1, columns = predicted 0/1):")
            lines.append("  \(c.trueNegatives)\t\(c.falsePositives)")
            lines.append("  \(c.falseNegatives)\t\(c.truePositives)")
            return lines.joined(separator: "\n")
        case .multiclass(let m):
            var lines = ["multiclass, \(m.report.confusion.count) rows, \(m.report.confusion.classCount) classes"]
            for (key, value) in m.orderedMetrics { lines.append(_Format.padded(key, 22) + Self.show(value)) }
            lines.append("per class: f1 / precision / recall")
            let c = m.report.confusion
            for k in 0..<c.classCount {
                lines.append(
                    "  class \(k): \(_Format.fixed(c.f1Scores[k], 4)) / \(_Format.fixed(c.precisions[k], 4)) / \(_Format.fixed(c.recalls[k], 4))")
            }
            return lines.joined(separator: "\n")
        }
    }

    static func show(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        var text = _Format.fixed(value, 6)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

/// Binary metrics: scikit-learn's report plus calibration error.
public struct BinaryEvaluation: Sendable, Equatable, Encodable {
    /// ROC-AUC, average precision, log loss, Brier and the confusion matrix at the threshold.
    public let report: BinaryClassificationReport
    /// Expected calibration error (equal-width bins); nil when some score is outside [0, 1].
    public let expectedCalibrationError: Double?
    /// Maximum calibration error; nil when some score is outside [0, 1].
    public let maximumCalibrationError: Double?

    init(scores: [Double], labels: [Int], threshold: Double, binCount: Int) throws {
        report = try BinaryMetrics.report(scores: scores, labels: labels, threshold: threshold)
        if report.logLoss != nil {
            let diagram = try ReliabilityDiagram(probabilities: scores, labels: labels, binCount: binCount)
            expectedCalibrationError = diagram.expectedCalibrationError
            maximumCalibrationError = diagram.maximumCalibrationError
        } else {
            expectedCalibrationError = nil
            maximumCalibrationError = nil
        }
    }

    /// The numeric metrics in display order.
    var orderedMetrics: [(String, Double)] {
        var out: [(String, Double)] = [("roc_auc", report.rocAUC), ("average_precision", report.averagePrecision)]
        if let v = report.logLoss { out.append(("log_loss", v)) }
        if let v = report.brierScore { out.append(("brier_score", v)) }
        if let v = expectedCalibrationError { out.append(("ece", v)) }
        if let v = maximumCalibrationError { out.append(("mce", v)) }
        let c = report.confusion
        out += [
            ("threshold", report.threshold), ("accuracy", report.accuracy), ("precision", report.precision),
            ("recall", report.recall), ("f1", report.f1), ("specificity", report.specificity),
            ("false_positive_rate", report.falsePositiveRate), ("false_negative_rate", report.falseNegativeRate),
            ("tn", Double(c.trueNegatives)), ("fp", Double(c.falsePositives)), ("fn", Double(c.falseNegatives)),
            ("tp", Double(c.truePositives)),
        ]
        return out
    }

    var metrics: [String: Double] {
        var out = Dictionary(orderedMetrics, uniquingKeysWith: { a, _ in a })
        out["n"] = Double(report.count)
        out["n_positive"] = Double(report.positiveCount)
        return out
    }

    private typealias Key = _StringKey

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode("binary", forKey: Key("task"))
        try c.encode(report.count, forKey: Key("n"))
        try c.encode(report.positiveCount, forKey: Key("n_positive"))
        for (key, value) in orderedMetrics {
            if ["tn", "fp", "fn", "tp"].contains(key) {
                try c.encode(Int(value), forKey: Key(key))
            } else {
                try c.encode(value, forKey: Key(key))
            }
        }
    }
}

/// Multiclass metrics: scikit-learn's report plus top-label calibration error.
public struct MulticlassEvaluation: Sendable, Equatable, Encodable {
    /// Confusion matrix, F1 scores, log loss, Brier and one-vs-rest ROC-AUC.
    public let report: MulticlassClassificationReport
    /// Top-label expected calibration error (equal-width bins of the arg-max probability).
    public let expectedCalibrationError: Double

    init(probabilities: Matrix<Double>, labels: [Int], binCount: Int) throws {
        report = try MulticlassMetrics.report(probabilities: probabilities, labels: labels)
        expectedCalibrationError = try ReliabilityDiagram(
            topLabelOf: probabilities, labels: labels, binCount: binCount
        ).expectedCalibrationError
    }

    var orderedMetrics: [(String, Double)] {
        var out: [(String, Double)] = [
            ("accuracy", report.accuracy), ("macro_f1", report.macroF1), ("weighted_f1", report.weightedF1),
            ("micro_f1", report.microF1), ("min_class_f1", report.minimumClassF1), ("log_loss", report.logLoss),
            ("brier_score", report.brierScore), ("ece", expectedCalibrationError),
        ]
        if let v = report.rocAUCOneVsRestMacro { out.append(("roc_auc_ovr_macro", v)) }
        if let v = report.rocAUCOneVsRestWeighted { out.append(("roc_auc_ovr_weighted", v)) }
        return out
    }

    var metrics: [String: Double] {
        var out = Dictionary(orderedMetrics, uniquingKeysWith: { a, _ in a })
        out["n"] = Double(report.confusion.count)
        out["n_classes"] = Double(report.confusion.classCount)
        return out
    }

    private typealias Key = _StringKey

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let confusion = report.confusion
        try c.encode("multiclass", forKey: Key("task"))
        try c.encode(confusion.count, forKey: Key("n"))
        try c.encode(confusion.classCount, forKey: Key("n_classes"))
        for (key, value) in orderedMetrics { try c.encode(value, forKey: Key(key)) }
        try c.encode(confusion.f1Scores, forKey: Key("per_class_f1"))
        try c.encode(confusion.precisions, forKey: Key("per_class_precision"))
        try c.encode(confusion.recalls, forKey: Key("per_class_recall"))
        try c.encode(confusion.counts, forKey: Key("confusion_matrix"))
        try c.encodeIfPresent(report.perClassRocAUC, forKey: Key("per_class_roc_auc_ovr"))
    }
}

/// Turns MLMetrics' errors into ``EvaluationError``s with CSV line numbers.
enum _MetricInput {
    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as MetricError {
            throw converted(error)
        }
    }

    static func converted(_ error: MetricError) -> EvaluationError {
        let code: EvaluationError.Code
        switch error.code {
        case .emptyInput: code = .emptyInput
        case .lengthMismatch: code = .lengthMismatch
        case .invalidLabel: code = .invalidLabel
        case .nonFiniteValue, .outOfRange, .shapeMismatch: code = .invalidScore
        case .undefinedMetric: code = error.argument == "labels" ? .invalidLabel : .invalidScore
        case .invalidArgument: code = .invalidArgument
        }
        return EvaluationError(code, error.message, line: error.index.map { $0 + 2 }, field: error.argument)
    }
}
