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
