import CoreMetrics
import FoundationEssentials
import MLModels
import MLRegistry
import Synchronization

/// The embeddable scoring engine: loads and warms the configured variants, routes each
/// request, scores it, post-processes the answer, records metrics, feeds shadows and the
/// prediction log, and swaps models atomically on reload.
///
/// ```swift
/// let engine = try ScoringEngine(configuration: .singleFile("fraud.json"))
/// try engine.start()                                     // load + warm up: ready
/// let result = try engine.score([0.3, .nan, 1.2], id: "user-42")
/// print(result.score ?? .nan, result.label ?? "-", result.route)
/// await engine.shutdown()                                // drains shadows, flushes the log
/// ```
///
/// Thread safety: every method may be called from any number of tasks at once. Scoring
/// takes one short lock to read the current models (a reference copy) and none per row.
public final class ScoringEngine: Sendable {
    /// The configuration the engine was made with.
    public let configuration: ServeConfiguration
    let registry: ModelRegistry?
    let factory: any MetricsFactory
    let router: _Router
    let rules: FallbackRules?
    let variants = Mutex<[String: _LoadedVariant]>([:])
    let ready = Atomic<Bool>(false)
    let log: _PredictionLog?
    let shadowInFlight = Atomic<Int>(0)
    let shadowCounts = _ShadowCounts()
    let rolloutGauge: Gauge?
    let errorCounters: _CounterCache
    let trustedKeys: [ArtifactVerificationKey]
    /// Shadow scorings running at once at most; more are skipped (counted as `skipped` in
    /// ``shadowStatistics``), so shadows can never pile up behind a slow model.
    public let maxShadowsInFlight: Int

    /// Creates an engine; nothing is loaded until ``start()``.
    /// - Parameters:
    ///   - registry: needed for variants loaded by registry name and alias; also the default
    ///     prediction sink.
    ///   - metricsFactory: where RED metrics go (default: the global `MetricsSystem.factory`).
    ///   - predictionSink: where the prediction log goes (default: the registry, if any; none otherwise).
    ///   - fallbackRules: an embedder's rules for rows the model cannot answer.
    ///   - clock: seconds, monotonic; used by gradual rollouts (tests pass a fake one).
    /// - Throws: ``ServeError`` `.invalidConfiguration` when routing names unknown variants,
    ///   arms do not sum to 100, rollout steps are not increasing, or limits are not positive
    ///   (``ServeConfiguration/checkEngineSettings()``).
    public init(
        configuration: ServeConfiguration, registry: ModelRegistry? = nil, metricsFactory: (any MetricsFactory)? = nil,
        predictionSink: (any PredictionSink)? = nil, fallbackRules: FallbackRules? = nil, maxShadowsInFlight: Int = 64,
        clock: (@Sendable () -> Double)? = nil
    ) throws(ServeError) {
        self.configuration = configuration
        self.registry = registry
        let factory = metricsFactory ?? MetricsSystem.factory
        self.factory = factory
        self.errorCounters = _CounterCache(factory: factory)
        self.rules = fallbackRules
        self.maxShadowsInFlight = max(0, maxShadowsInFlight)
        try configuration.checkEngineSettings()
        trustedKeys = try Self.readTrustedKeys(configuration.trustedKeys)
        let start = ContinuousClock.now
        let clock = clock ?? { (ContinuousClock.now - start).seconds }
        router = try _Router(configuration.routing, variants: Set(configuration.variants.keys), clock: clock)
        let sink = predictionSink ?? registry.map { RegistryPredictionSink(registry: $0) }
        let name = configuration.name ?? "model"
        if let sink, configuration.predictionLog.enabled {
            guard configuration.predictionLog.capacity >= 1 else {
                throw ServeError(.invalidConfiguration, "prediction_log.capacity must be at least 1")
            }
            log = _PredictionLog(sink: sink, configuration: configuration.predictionLog, factory: factory, model: name)
        } else {
            log = nil
        }
        rolloutGauge =
            router.rollout == nil
            ? nil
            : Gauge(
                label: ServeMetricNames.rolloutPercent,
                dimensions: [("model", name), ("version", ""), ("route", router.candidate ?? "")], factory: factory)
    }

    // MARK: lifecycle

    /// Loads and warms every variant, then marks the engine ready. Blocking (reads files or
    /// the registry, scores warm-up rows): call it once at startup, off latency-critical paths
    /// (a second call on a ready engine does nothing).
    /// - Throws: ``ServeError`` `.loadFailed` naming the variant; `.invalidConfiguration`.
    public func start() throws(ServeError) {
        if isReady { return }
        var loaded: [String: _LoadedVariant] = [:]
        for route in configuration.variants.keys.sorted() {
            loaded[route] = try load(route)
        }
        try checkFeatureCounts(loaded)
        variants.withLock { $0 = loaded }
        rolloutGauge?.record(router.rollout?.status.percent ?? 0)
        log?.start()
        ready.store(true, ordering: .releasing)
    }

    /// True once every variant is loaded and warmed, until ``shutdown()``.
    public var isReady: Bool { ready.load(ordering: .acquiring) }

    /// Stops answering (``isReady`` false), waits for running shadows (up to 5 s) and flushes
    /// the prediction log. Requests already scoring finish normally.
    public func shutdown() async {
        ready.store(false, ordering: .releasing)
        let deadline = ContinuousClock.now + .seconds(5)
        while shadowInFlight.load(ordering: .acquiring) > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(2))
        }
        await log?.close()
    }

    /// Reloads `route` (or every variant) from its source — the registry alias is resolved
    /// again — warms it, and swaps it in atomically. Requests in flight finish on the old
    /// model; later ones use the new one; none fails. Blocking, like ``start()``.
    /// - Returns: the models now served.
    /// - Throws: ``ServeError`` `.notFound` for an unknown route, `.loadFailed` (the old
    ///   model stays in service).
    @discardableResult
    public func reload(route: String? = nil) throws(ServeError) -> [ModelInfo] {
        let routes: [String]
        if let route {
            guard configuration.variants[route] != nil else {
                throw ServeError(.notFound, "no variant named '\(route)'")
            }
            routes = [route]
        } else {
            routes = configuration.variants.keys.sorted()
        }
        var fresh: [String: _LoadedVariant] = [:]
        for r in routes { fresh[r] = try load(r) }
        let current = variants.withLock { $0 }
        try checkFeatureCounts(current.merging(fresh) { _, new in new })
        variants.withLock { v in
            for (r, model) in fresh { v[r] = model }
        }
        return models()
    }

    /// The models served now, by route name.
    public func models() -> [ModelInfo] {
        let current = variants.withLock { $0 }
        return current.keys.sorted().compactMap { r in current[r]?.info(role: router.role(of: r)) }
    }

    /// Features per row the primary model expects (`nil` before ``start()``).
    public var featureCount: Int? {
        variants.withLock { $0[router.primary]?.featureCount }
    }

    /// Where a gradual rollout stands (`nil` for other policies).
    public var rolloutStatus: RolloutStatus? { router.rollout?.status }

    /// Shadow comparison counts since start.
    public var shadowStatistics: ShadowStatistics { shadowCounts.snapshot }

    /// Prediction-log counts (`nil` when no log is configured).
    public var predictionLogStatistics: PredictionLogStatistics? { log?.statistics }

    /// The route a request with entity id `id` would take now (no scoring).
    public func route(forID id: String?) -> String { router.route(id: id) }
}
