import Metrics
import MLServe

/// Counts the requests the HTTP front refuses before they reach the engine (a body too large,
/// not JSON, a bad `request_id`, …): once in `mlserve_requests_total` and once in
/// `mlserve_errors_total{type}`, labelled with the primary variant (or, before any model is
/// loaded, the engine's name, no version and route `none`, without a request count) — the
/// series the engine's own counts use.
struct _RefusedRequests: Sendable {
    let engine: ScoringEngine
    let counters: _CounterCache

    init(engine: ScoringEngine) {
        self.engine = engine
        self.counters = _CounterCache(factory: engine.metricsFactory)
    }

    /// Counts one refused request of error type `type`.
    func count(_ type: String) {
        guard let labels = engine.primaryLabels else {
            let name = engine.configuration.name ?? "model"
            counters.countError(type, labels: _MetricLabels(model: name, version: "", route: "none"))
            return
        }
        counters.counter(ServeMetricNames.requests, labels.dimensions).increment()
        counters.countError(type, labels: labels)
    }
}
