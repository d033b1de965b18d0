import CoreMetrics

/// The metric names of DESIGN §10. Every series carries the labels `model`, `version` and
/// `route`, plus the one named in each comment.
public enum ServeMetricNames {
    /// Counter: scoring requests (a batch counts once).
    public static let requests = "mlserve_requests_total"
    /// Counter `{type}`: failed requests by error type (`invalid_json`, `feature_count_mismatch`,
    /// `non_numeric_value`, `batch_too_large`, `body_too_large`, `model_error`, `not_ready`, …).
    public static let errors = "mlserve_errors_total"
    /// Timer (a Prometheus histogram in seconds): request latency inside the engine.
    public static let requestDuration = "mlserve_request_duration_seconds"
    /// Counter `{source}`: rows answered, by `model`, `rules` or `fallback`.
    public static let predictions = "mlserve_predictions_total"
    /// Counter `{reason}`: fallback answers by reason.
    public static let fallback = "mlserve_fallback_total"
    /// Counter `{outcome}`: shadow comparisons, `agree`, `disagree` or `failed`
    /// (`route` is the shadow variant; `model`/`version` the shadow's).
    public static let shadowCompare = "mlserve_shadow_compare_total"
    /// Counter: prediction-log records dropped because the queue was full (`route` = `log`).
    public static let predictionLogDropped = "mlserve_prediction_log_dropped_total"
    /// Gauge: the canary share of a gradual rollout, in percent (`route` = the candidate).
    public static let rolloutPercent = "mlserve_rollout_percent"
}

/// The instruments of one loaded variant, made once at load so scoring does no lookup.
struct _VariantInstruments: Sendable {
    let requests: Counter
    let duration: Timer
    let predictions: [Counter]  // indexed like PredictionSource.allCases
    let fallbacks: [Counter]  // indexed like FallbackReason.allCases
    let modelErrors: Counter
    let shadow: [Counter]  // agree, disagree, failed

    init(factory: any MetricsFactory, model: String, version: String, route: String) {
        let base = [("model", model), ("version", version), ("route", route)]
        requests = Counter(label: ServeMetricNames.requests, dimensions: base, factory: factory)
        duration = Timer(label: ServeMetricNames.requestDuration, dimensions: base, factory: factory)
        predictions = PredictionSource.allCases.map {
            Counter(label: ServeMetricNames.predictions, dimensions: base + [("source", $0.rawValue)], factory: factory)
        }
        fallbacks = FallbackReason.allCases.map {
            Counter(label: ServeMetricNames.fallback, dimensions: base + [("reason", $0.rawValue)], factory: factory)
        }
        modelErrors = Counter(label: ServeMetricNames.errors, dimensions: base + [("type", "model_error")], factory: factory)
        shadow = ["agree", "disagree", "failed"].map {
            Counter(label: ServeMetricNames.shadowCompare, dimensions: base + [("outcome", $0)], factory: factory)
        }
    }

    func countPrediction(_ source: PredictionSource, rows: Int = 1) {
        switch source {
        case .model: predictions[0].increment(by: rows)
        case .rules: predictions[1].increment(by: rows)
        case .fallback: predictions[2].increment(by: rows)
        }
    }

    func countFallback(_ reason: FallbackReason) {
        switch reason {
        case .lowConfidence: fallbacks[0].increment()
        case .modelError: fallbacks[1].increment()
        case .timeout: fallbacks[2].increment()
        case .invalidInput: fallbacks[3].increment()
        }
    }
}
