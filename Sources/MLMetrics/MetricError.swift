import MLCore

/// What went wrong in a ``MetricError``, matchable.
public enum MetricErrorCode: String, MLErrorCode {
    /// An input has no elements (or no rows).
    case emptyInput
    /// Two inputs that must pair element by element have different lengths.
    case lengthMismatch
    /// A label is outside the allowed set (0/1 for binary, `0..<K` for multiclass).
    case invalidLabel
    /// A score, probability or target is NaN or infinite.
    case nonFiniteValue
    /// A value is finite but outside its allowed range (a probability outside `[0, 1]`).
    case outOfRange
    /// The metric is not defined on this data (e.g. ROC-AUC when only one class occurs).
    case undefinedMetric
    /// A parameter is invalid (bin count < 1, confidence outside (0, 1), NaN threshold).
    case invalidArgument
    /// A probability matrix has the wrong number of columns or ragged rows.
    case shapeMismatch
}

/// An error computing a metric: input that the metric cannot be computed on, with what is
/// wrong and where.
///
/// Every metric in MLMetrics validates its inputs and throws this error instead of trapping:
/// arrays of different lengths, empty input, a label that is not 0/1 (binary) or not in
/// `0..<K` (multiclass), a NaN or infinite score, a probability outside `[0, 1]`, or a metric
/// that is undefined on the data (ROC-AUC with one class). ``argument`` names the offending
/// input (`"labels"`, `"scores"`…) and ``index`` the first offending element when there is one.
///
/// ```swift
/// do { _ = try BinaryMetrics.rocAUC(scores: [0.2, 0.9], labels: [1, 1]) }
/// catch let error as MetricError where error.code == .undefinedMetric { print(error) }
/// ```
public typealias MetricError = MLError<MetricErrorCode>
