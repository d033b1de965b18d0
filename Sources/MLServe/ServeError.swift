import MLCore

/// What went wrong in a ``ServeError``, matchable.
public enum ServeErrorCode: String, MLErrorCode {
    /// A request field breaks a rule of its own (a `request_id` outside ``RequestID``'s
    /// alphabet or length, an oversized feedback label); the message names the field.
    case invalidRequest = "invalid_request"
    /// The request is malformed (not JSON, wrong shape, missing field).
    case invalidInput = "invalid_input"
    /// A row has a different number of features than the model expects.
    case featureCountMismatch = "feature_count_mismatch"
    /// A batch has more rows than the configured maximum.
    case batchTooLarge = "batch_too_large"
    /// No model is loaded and warmed yet, or the engine is shutting down.
    case notReady = "not_ready"
    /// A named variant, model or request id does not exist.
    case notFound = "not_found"
    /// The configuration is invalid (YAML, unknown variant, weights not summing to 100).
    case invalidConfiguration = "invalid_configuration"
    /// A model could not be loaded (file, registry, format).
    case loadFailed = "load_failed"
    /// The model failed while scoring and no fallback is configured.
    case modelError = "model_error"
}

/// An error of the scoring engine: a bad request, a model that cannot be loaded, a bad
/// configuration, or an engine that is not ready.
///
/// The HTTP front maps ``code`` to a status (`invalidRequest` → 400; `invalidInput`,
/// `featureCountMismatch` → 422; `batchTooLarge` → 413; `notReady` → 503; `notFound` → 404);
/// ``message`` is safe to show to a client for the 4xx codes.
public typealias ServeError = MLError<ServeErrorCode>
