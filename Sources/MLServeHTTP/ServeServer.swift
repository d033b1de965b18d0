import Hummingbird
import Logging
import MLServe
import Metrics
import Prometheus
import ServiceLifecycle

/// Shuts the engine down after the HTTP server has drained: placed after the server in the
/// service group, it receives the graceful-shutdown signal once the server has stopped
/// accepting and finished its in-flight requests, then flushes the prediction log.
public struct EngineShutdownService: Service {
    /// The engine to shut down.
    public let engine: ScoringEngine

    /// Creates the service.
    public init(engine: ScoringEngine) {
        self.engine = engine
    }

    public func run() async throws {
        try? await gracefulShutdown()
        await engine.shutdown()
    }
}

/// The metrics factory `mlctl serve` uses: Prometheus, with latency buckets from 50 µs to
/// 2.5 s for `mlserve_request_duration_seconds` (scoring takes microseconds; the default
/// buckets start at 5 ms).
public enum ServeMetrics {
    /// Buckets of `mlserve_request_duration_seconds`.
    public static let durationBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
        .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
    ]

    /// A Prometheus factory writing to `registry`, with ``durationBuckets``.
    public static func prometheusFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[ServeMetricNames.requestDuration] = durationBuckets
        return factory
    }
}

/// Builds the whole HTTP server: engine, Prometheus registry, routes, graceful shutdown.
///
/// ```swift
/// let prometheus = PrometheusCollectorRegistry()
/// let engine = try ScoringEngine(configuration: .singleFile("model.json"),
///                                metricsFactory: ServeMetrics.prometheusFactory(registry: prometheus))
/// try engine.start()
/// let app = ServeServer.application(engine: engine, prometheus: prometheus, host: "127.0.0.1", port: 8080)
/// try await app.runService()    // SIGTERM/SIGINT: drain, flush, return
/// ```
public enum ServeServer {
    /// The Hummingbird application serving ``ServeRouter`` routes on `host:port`, with the
    /// engine's shutdown run after the server drains. Without a `logger`, messages of level
    /// `notice` and above go to stderr, one line each (per-request metadata is kept, not
    /// rendered, until a line is written). The detail of internal failures goes to
    /// ``ServeHTTPOptions/logger``, else to this logger. Every connection gets the engine's connection
    /// limits (`limits`: idle and read timeouts, `max_connections`).
    public static func application(
        engine: ScoringEngine, prometheus: PrometheusCollectorRegistry?, host: String, port: Int,
        options: ServeHTTPOptions = .init(), logger: Logger? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let log = logger ?? Logger(label: "mlserve") { _StandardErrorLogHandler(label: $0) }
        // One set of handlers for every path: the same answers, counts and log.
        let handlers = _Handlers(engine: engine, prometheus: prometheus, options: options, serverLogger: log)
        let router = ServeRouter.make(handlers: handlers)
        // Idle/read timeouts and `max_connections` (`limits` in serve.yaml), on every path.
        let connections = _ConnectionPolicy(limits: engine.configuration.limits, prometheus: prometheus)
        return Application(
            router: router,
            // `POST /v1/score` is answered on the event loop (`_RawScoreHandler`, `_InlineScoreHandler`).
            server: ._serveHTTP1(handlers: handlers, connections: connections),
            // No `Server` header: one field less to encode per response, nothing to fingerprint.
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            services: [EngineShutdownService(engine: engine)],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: log)
    }
}
