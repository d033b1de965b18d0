import MLMetrics

/// The calibration methods of `mlctl calibrate fit`.
public enum CalibrationMethod: String, Sendable, Codable, CaseIterable {
    /// Isotonic regression (``IsotonicCalibration``); per class for class probabilities.
    case isotonic
    /// Platt scaling (``SigmoidCalibration``); per class for class probabilities.
    case sigmoid
    /// Temperature scaling (``TemperatureScaling``), class probabilities only.
    case temperature
}

/// Fits the calibrator that suits the scores: a binary calibrator for one score per row, a
/// per-class calibrator (or a temperature) for K class probabilities.
///
/// ```swift
/// let data = try LabeledScores.read(labels: "y_cal.csv", scores: "s_cal.csv")
/// let calibrator = try CalibrationFitting(method: .isotonic).fit(data)
/// try CalibratorFile.write(calibrator, to: "cal.json")
/// ```
public struct CalibrationFitting: Sendable, Equatable {
    /// The method.
    public var method: CalibrationMethod
    /// Fit isotonic calibration even with fewer than 1,000 rows of some class (it over-fits
    /// small samples; the CLI's `--allow-small-sample`).
    public var allowSmallSample: Bool

    /// Creates a configuration.
    public init(method: CalibrationMethod, allowSmallSample: Bool = false) {
        self.method = method
        self.allowSmallSample = allowSmallSample
    }

    /// Fits on held-out labelled scores (not the model's training rows).
    /// - Returns: `.binary` for binary scores; `.perClass` (isotonic, sigmoid) or
    ///   `.temperature` for class probabilities.
    /// - Throws: ``CalibrationError`` `.smallSample` (isotonic below 1,000 rows of a class
    ///   without ``allowSmallSample``), `.invalidInput`, `.fitFailed`; ``EvaluationError``
    ///   `.invalidArgument` for temperature scaling of binary scores.
    public func fit(_ data: LabeledScores) throws -> StoredCalibrator {
        let isotonic = IsotonicCalibration(allowSmallSample: allowSmallSample)
        switch (data.scores, method) {
        case (.binary(let scores), .isotonic):
            return .binary(.isotonic(try isotonic.fit(scores: scores, labels: data.labels)))
        case (.binary(let scores), .sigmoid):
            return .binary(.sigmoid(try SigmoidCalibration().fit(scores: scores, labels: data.labels)))
        case (.binary, .temperature):
            throw EvaluationError(
                .invalidArgument, "temperature scaling needs class probabilities p0..pK-1 (K ≥ 3); use sigmoid for binary scores",
                field: "method")
        case (.multiclass(let p), .isotonic):
            return .perClass(try PerClassCalibration(method: .isotonic(isotonic)).fit(probabilities: p, labels: data.labels))
        case (.multiclass(let p), .sigmoid):
            return .perClass(try PerClassCalibration(method: .sigmoid(SigmoidCalibration())).fit(probabilities: p, labels: data.labels))
        case (.multiclass(let p), .temperature):
            return .temperature(try TemperatureScaling().fit(probabilities: p, labels: data.labels))
        }
    }
}
