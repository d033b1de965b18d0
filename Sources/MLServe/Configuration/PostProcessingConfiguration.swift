/// Calibration, decision thresholds and fallback.
public struct PostProcessingConfiguration: Sendable, Codable, Equatable, _KeyTableCodable {
    /// A calibrator JSON file (`mlctl calibrate fit` output, a `BinaryCalibrator`) applied to
    /// binary probabilities.
    public var calibrator: String?
    /// Binary decision threshold on the (calibrated) score (default 0.5).
    public var threshold: Double
    /// Class labels in output order (binary: `[negative, positive]`, default `["0", "1"]`;
    /// multiclass: default `"0"…"K-1"`).
    public var labels: [String]?
    /// Per-class thresholds by label (multiclass probability models): the winning class is
    /// the most probable one that clears its threshold (classes not listed use 0); when none
    /// does, the fallback answers with reason `low_confidence`.
    public var classThresholds: [String: Double]?
    /// Answer with the fallback when the winning probability is below this (`low_confidence`).
    public var minConfidence: Double?
    /// The label of a fallback answer (default `fallback`).
    public var fallbackLabel: String
    /// The score of a fallback answer when the model gave none (`model_error`, `timeout`);
    /// `null` in JSON when unset.
    public var fallbackScore: Double?
    /// Answer model errors with the fallback (reason `model_error`) instead of failing (default true).
    public var fallbackOnModelError: Bool

    /// Creates post-processing settings.
    public init(
        calibrator: String? = nil, threshold: Double = 0.5, labels: [String]? = nil,
        classThresholds: [String: Double]? = nil, minConfidence: Double? = nil, fallbackLabel: String = "fallback",
        fallbackScore: Double? = nil, fallbackOnModelError: Bool = true
    ) {
        self.calibrator = calibrator
        self.threshold = threshold
        self.labels = labels
        self.classThresholds = classThresholds
        self.minConfidence = minConfidence
        self.fallbackLabel = fallbackLabel
        self.fallbackScore = fallbackScore
        self.fallbackOnModelError = fallbackOnModelError
    }

    // The serve.yaml keys, all optional (``_KeyTableCodable``).
    package static var defaults: Self { Self() }

    package static var keys: [_TableKey<Self>] {
        [
            _TableKey("calibrator", \.calibrator), _TableKey("threshold", \.threshold), _TableKey("labels", \.labels),
            _TableKey("class_thresholds", \.classThresholds), _TableKey("min_confidence", \.minConfidence),
            _TableKey("fallback_label", \.fallbackLabel), _TableKey("fallback_score", \.fallbackScore),
            _TableKey("fallback_on_model_error", \.fallbackOnModelError),
        ]
    }

    public init(from decoder: any Decoder) throws { try self.init(keyTable: decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeKeyTable(to: encoder) }
}
