import MLCore

/// What went wrong in a ``TrainingError``, matchable.
public enum TrainingErrorCode: String, MLErrorCode {
    /// A configuration key is unknown, missing or has a bad value.
    case invalidConfiguration
    /// A data file cannot be read, or a column is missing or not numeric.
    case invalidData
    /// The labels cannot be trained on (constant, not integers for a classifier, a class with no rows).
    case invalidLabels
    /// A model could not be written or read back.
    case modelExport
}

/// An error preparing or running a training: what is wrong and where (`field` names the
/// configuration key or column).
public typealias TrainingError = MLError<TrainingErrorCode>
