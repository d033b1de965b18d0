import FoundationEssentials
import Hummingbird
import Logging
import MLServe
import NIOCore
import Prometheus

/// The routes of DESIGN §10 over a ``MLServe/ScoringEngine``.
///
/// | route | |
/// |---|---|
/// | `POST /v1/score` | `{"features":[…],"id":…,"request_id":…}` → `{"score","label","model","version","route","request_id"}` |
/// | `POST /v1/score/batch` | `{"rows":[[…],…]}` → `{"scores":[…],"labels":[…],"model","version","route","request_id"}` |
/// | `POST /v1/feedback` | `{"request_id":…,"outcome":…,"label":…}` → 202, queued; bearer token when configured |
/// | `GET /v1/models` | the variants, their versions and routes (sources with `expose_model_sources`) |
/// | `GET /health/live`, `/health/ready`, `/v2/health/live`, `/v2/health/ready` | 200 or 503 |
/// | `GET /metrics` | Prometheus text |
/// | `POST /admin/reload` | `Authorization: Bearer <token>`; optional `?route=NAME` |
///
/// Errors are `{"error":{"code":…,"message":…}}`: 400 `invalid_json`, `invalid_request` (a
/// field breaks its rule, e.g. `request_id`; the message names it); 422 `invalid_input`,
/// `feature_count_mismatch`, `non_numeric_value`; 413 `body_too_large`, `batch_too_large`;
/// 401/403 on admin, 401 on feedback; 503 `not_ready`; 500 `internal`, `model_error`,
/// `reload_failed` with no detail (the detail is logged). Refusals are thrown as
/// Hummingbird `HTTPResponseError`s (`_ServeHTTPError`) and rendered by Hummingbird.
public enum ServeRouter {
    /// Builds the router.
    /// - Parameters:
    ///   - engine: a started engine (readiness follows ``MLServe/ScoringEngine/isReady``).
    ///   - prometheus: the registry `GET /metrics` exports (the one the engine's metrics
    ///     factory writes to); `nil` serves an empty page.
    public static func make(
        engine: ScoringEngine, prometheus: PrometheusCollectorRegistry?, options: ServeHTTPOptions = .init()
    ) -> Router<BasicRequestContext> {
        make(handlers: _Handlers(engine: engine, prometheus: prometheus, options: options))
    }

    static func make(handlers: _Handlers) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: _JSONErrorMiddleware())
        router.post("/v1/score") { request, _ in try await handlers.score(request) }
        router.post("/v1/score/batch") { request, _ in try await handlers.scoreBatch(request) }
        router.post("/v1/feedback") { request, _ in try await handlers.feedback(request) }
        router.get("/v1/models") { _, _ in try handlers.models() }
        for prefix in ["/health", "/v2/health"] {
            router.get("\(prefix)/live") { _, _ in handlers.json(.ok, #"{"status":"live"}"#) }
            router.get("\(prefix)/ready") { _, _ in handlers.ready() }
        }
        router.get("/metrics") { _, _ in handlers.metrics() }
        router.post("/admin/reload") { request, _ in try handlers.reload(request) }
        return router
    }
}
