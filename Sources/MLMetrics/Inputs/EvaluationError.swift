import MLCore

/// What went wrong in a ``EvaluationError``, matchable.
public enum EvaluationErrorCode: String, MLErrorCode {
    /// A file could not be read or parsed.
    case unreadableFile
    /// An output file (report, calibrator, predictions) could not be written.
    case writeFailed
    /// A file or an input has no rows.
    case emptyInput
    /// A required column is absent (labels `y`; scores `score` or `p0..pK-1`).
    case missingColumn
    /// Labels and scores (or two score sets) have different row counts.
    case lengthMismatch
    /// A label is missing, not an integer, not 0/1 for binary scores or not in `0..<K`.
    case invalidLabel
    /// A score is missing (NaN), infinite, or not a number.
    case invalidScore
    /// A gate rule or a rules file cannot be understood.
    case invalidRule
    /// A metrics file is not a JSON/YAML object of numbers.
    case invalidMetrics
    /// An option is out of range (a threshold outside [0, 1], a negative limit).
    case invalidArgument
    /// Two models (or a model and a predictions file) cannot be compared: different
    /// outputs, feature counts or class counts.
    case incompatibleModels
}

/// An error reading evaluation inputs or rules: what is wrong and where.
///
/// Raised by the label and score readers (``LabeledScores``, here in MLMetrics so that both
/// MLValidation and MLCalibration read the same files), MLValidation's gate rules
/// (`GateRules`) and export validation (`ExportValidation`), and MLCalibration's calibrator
/// files (`CalibratorFile`) for input that cannot be used. A check that runs and fails is
/// never an error: it is a `passed == false` in a report.
///
/// ```swift
/// do { _ = try LabeledScores.read(labels: "y.csv", scores: "s.csv") }
/// catch let error as EvaluationError where error.code == .lengthMismatch { print(error) }
/// ```
public typealias EvaluationError = MLError<EvaluationErrorCode>
