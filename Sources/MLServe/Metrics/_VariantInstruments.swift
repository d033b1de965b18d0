import CoreMetrics

/// The instruments of one loaded variant, made once at load so scoring does no lookup.
///
/// Each labelled family has one named field per case of its enum (``PredictionSource``,
/// ``FallbackReason``, ``ShadowOutcome``), made from that case's own raw value and picked by
/// a `switch` over the case: reordering or adding a case cannot attach a count to another
/// case's label (a new case does not compile until it has its field).
struct _VariantInstruments: Sendable {
    let requests: Counter
    let duration: Timer
    let modelErrors: Counter
    private let predictions: Predictions
    private let fallbacks: Fallbacks
    private let shadow: Shadow

    init(factory: any MetricsFactory, labels: _MetricLabels) {
        let base = labels.dimensions
        requests = Counter(label: ServeMetricNames.requests, dimensions: base, factory: factory)
        duration = Timer(label: ServeMetricNames.requestDuration, dimensions: base, factory: factory)
        predictions = Predictions { Counter(label: ServeMetricNames.predictions, dimensions: base + [("source", $0.rawValue)], factory: factory) }
        fallbacks = Fallbacks { Counter(label: ServeMetricNames.fallback, dimensions: base + [("reason", $0.rawValue)], factory: factory) }
        modelErrors = Counter(label: ServeMetricNames.errors, dimensions: base + [("type", "model_error")], factory: factory)
        shadow = Shadow { Counter(label: ServeMetricNames.shadowCompare, dimensions: base + [("outcome", $0.rawValue)], factory: factory) }
    }

    func countPrediction(_ source: PredictionSource, rows: Int = 1) {
        predictions[source].increment(by: rows)
    }

    func countFallback(_ reason: FallbackReason) {
        fallbacks[reason].increment()
    }

    func countShadow(_ outcome: ShadowOutcome) {
        shadow[outcome].increment()
    }

    /// `mlserve_predictions_total{source}`.
    private struct Predictions: Sendable {
        let model, rules, fallback: Counter

        init(_ make: (PredictionSource) -> Counter) {
            model = make(.model)
            rules = make(.rules)
            fallback = make(.fallback)
        }

        subscript(source: PredictionSource) -> Counter {
            switch source {
            case .model: model
            case .rules: rules
            case .fallback: fallback
            }
        }
    }

    /// `mlserve_fallback_total{reason}`.
    private struct Fallbacks: Sendable {
        let lowConfidence, modelError, timeout, invalidInput: Counter

        init(_ make: (FallbackReason) -> Counter) {
            lowConfidence = make(.lowConfidence)
            modelError = make(.modelError)
            timeout = make(.timeout)
            invalidInput = make(.invalidInput)
        }

        subscript(reason: FallbackReason) -> Counter {
            switch reason {
            case .lowConfidence: lowConfidence
            case .modelError: modelError
            case .timeout: timeout
            case .invalidInput: invalidInput
            }
        }
    }

    /// `mlserve_shadow_compare_total{outcome}`.
    private struct Shadow: Sendable {
        let agree, disagree, failed: Counter

        init(_ make: (ShadowOutcome) -> Counter) {
            agree = make(.agree)
            disagree = make(.disagree)
            failed = make(.failed)
        }

        subscript(outcome: ShadowOutcome) -> Counter {
            switch outcome {
            case .agree: agree
            case .disagree: disagree
            case .failed: failed
            }
        }
    }
}

/// How a shadow's answer compared with the answer sent (`outcome` of
/// ``ServeMetricNames/shadowCompare``).
enum ShadowOutcome: String, Sendable {
    case agree
    case disagree
    case failed
}
