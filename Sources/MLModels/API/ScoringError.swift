import MLCore

/// What went wrong in a ``ScoringError``, matchable.
public enum ScoringErrorCode: String, MLErrorCode {
    /// The input has a different number of columns than the model's ``InputSchema/featureCount``.
    case featureCountMismatch
    /// The caller's output buffer is smaller than `rows × outputWidth`.
    case outputBufferTooSmall
    /// The input buffer is smaller than `rows × featureCount`, or a shape is negative.
    case invalidShape
    /// The requested output is not available for this model (e.g. leaf indices of a non-tree model).
    case unsupportedOutput
    /// The iteration range is outside the model's iterations.
    case invalidIterationRange
    /// A named input is missing or of the wrong type, or a value cannot be fed to its input
    /// (NaN for an integer input, a number for a string input).
    case invalidInput
}

/// An error calling a model: the input or the output buffer does not fit the model.
///
/// Scoring itself never fails on feature values: NaN, ±∞ and out-of-range categories are
/// handled as each framework handles them.
public typealias ScoringError = MLError<ScoringErrorCode>
