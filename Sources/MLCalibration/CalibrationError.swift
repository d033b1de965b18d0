import MLCore

/// What went wrong in a ``CalibrationError``, matchable.
public enum CalibrationErrorCode: String, MLErrorCode {
    /// The training or evaluation data cannot be used (empty, mismatched lengths, NaN
    /// scores, labels not 0/1 or outside `0..<K`, a single class).
    case invalidInput
    /// A hyperparameter is invalid (bins < 1, y_min > y_max, a threshold outside [0, 1]).
    case invalidConfiguration
    /// Isotonic calibration on fewer than the minimum samples per class without
    /// `allowSmallSample`.
    case smallSample
    /// The optimiser could not reach a valid optimum (e.g. Platt's slope is not negative:
    /// the scores rank positives below negatives).
    case fitFailed
    /// A stored calibrator's content hash does not match its parameters.
    case hashMismatch
    /// A stored calibrator's parameters fail a check: non-finite values, knots not
    /// monotone, outputs outside [0, 1], a non-positive temperature.
    case verificationFailed
    /// A class named in thresholds or data is unknown, or a class has no threshold.
    case unknownClass
}

/// An error fitting, loading or gating a calibrator: what failed and why.
///
/// Match on ``code``; ``message`` names the failed check (e.g. "knot 12 decreases: 0.41 < 0.43",
/// "content hash mismatch") and ``field`` the parameter or input involved.
public typealias CalibrationError = MLError<CalibrationErrorCode>
