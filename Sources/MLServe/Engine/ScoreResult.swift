/// Why an answer came from the fallback rather than the model.
public enum FallbackReason: String, Sendable, Codable, Equatable, CaseIterable {
    /// The model's winning probability is below `min_confidence`, or no class cleared its threshold.
    case lowConfidence = "low_confidence"
    /// The model failed or returned a non-finite value.
    case modelError = "model_error"
    /// The row was not scored within the latency budget (micro-batching).
    case timeout
    /// The row could not be scored as given (only when the caller asks for a fallback
    /// instead of an error, see ``ScoringEngine/score(_:id:fallbackOnInvalidInput:)``).
    case invalidInput = "invalid_input"
}

/// Who produced an answer: the model, an embedder's rules function, or the default fallback.
public enum PredictionSource: String, Sendable, Codable, Equatable, CaseIterable {
    /// The model (after calibration and thresholds).
    case model
    /// The embedder's ``FallbackRules``.
    case rules
    /// The configured default fallback.
    case fallback
}

/// The answer of a rules function for a row the model could not answer.
public struct FallbackAnswer: Sendable, Equatable {
    /// The score to return (`nil` = none).
    public var score: Double?
    /// The label to return.
    public var label: String

    /// Creates an answer.
    public init(score: Double?, label: String) {
        self.score = score
        self.label = label
    }
}

/// An embedder's fallback: called with the row's features (NaN = missing) and the reason;
/// returns an answer, or `nil` to use the configured default. Must be fast and thread-safe.
public typealias FallbackRules = @Sendable (_ features: UnsafeBufferPointer<Float>, _ reason: FallbackReason) -> FallbackAnswer?

/// One scored row.
public struct ScoreResult: Sendable, Equatable {
    /// Binary models: the (calibrated) probability of the positive class; multiclass: the
    /// winning class's probability; regression: the value. `nil` for a fallback with no score.
    public var score: Double?
    /// All class probabilities (multiclass models only).
    public var probabilities: [Double]?
    /// The decided label (`nil` for regression and anomaly models).
    public var label: String?
    /// The model name.
    public var model: String
    /// The model version (registry version number, or `sha256:` + 12 hex digits of a file).
    public var version: String
    /// The route (variant) that answered: `champion`, `challenger`, …
    public var route: String
    /// Who produced the answer.
    public var source: PredictionSource
    /// Why the fallback answered, when it did.
    public var fallbackReason: FallbackReason?

    /// Creates a result.
    public init(
        score: Double?, probabilities: [Double]? = nil, label: String?, model: String, version: String, route: String,
        source: PredictionSource = .model, fallbackReason: FallbackReason? = nil
    ) {
        self.score = score
        self.probabilities = probabilities
        self.label = label
        self.model = model
        self.version = version
        self.route = route
        self.source = source
        self.fallbackReason = fallbackReason
    }
}

/// The scored rows of one batch request: a batch is routed as a unit, so one variant answers
/// every row.
public struct BatchScoreResult: Sendable, Equatable {
    /// One result per row, in request order.
    public var results: [ScoreResult]
    /// The model name.
    public var model: String
    /// The model version.
    public var version: String
    /// The route that answered.
    public var route: String

    /// Creates a batch result.
    public init(results: [ScoreResult], model: String, version: String, route: String) {
        self.results = results
        self.model = model
        self.version = version
        self.route = route
    }
}
