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
    private let registry: ModelRegistry?
    private let factory: any MetricsFactory
    private let router: _Router
    private let rules: FallbackRules?
    private let variants = Mutex<[String: _LoadedVariant]>([:])
    private let ready = Atomic<Bool>(false)
    private let log: _PredictionLog?
    private let shadowInFlight = Atomic<Int>(0)
    private let shadowCounts = _ShadowCounts()
    private let rolloutGauge: Gauge?
    private let engineErrors: Mutex<[String: Counter]> = Mutex([:])
    private let trustedKeys: [ArtifactVerificationKey]
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
    ///   arms do not sum to 100, rollout steps are not increasing, or limits are not positive.
    public init(
        configuration: ServeConfiguration, registry: ModelRegistry? = nil, metricsFactory: (any MetricsFactory)? = nil,
        predictionSink: (any PredictionSink)? = nil, fallbackRules: FallbackRules? = nil, maxShadowsInFlight: Int = 64,
        clock: (@Sendable () -> Double)? = nil
    ) throws(ServeError) {
        self.configuration = configuration
        self.registry = registry
        let factory = metricsFactory ?? MetricsSystem.factory
        self.factory = factory
        self.rules = fallbackRules
        self.maxShadowsInFlight = max(0, maxShadowsInFlight)
        guard configuration.limits.maxBatchRows >= 1, (1...(1 << 31)).contains(configuration.limits.maxBodyBytes) else {
            throw ServeError(
                .invalidConfiguration,
                "limits.max_batch_rows must be positive and limits.max_body_bytes in 1…2147483648 (2 GiB)")
        }
        if let m = configuration.microBatching,
            m.maxBatchSize < 1 || !(0...60_000).contains(m.maxDelayMilliseconds)
                || !(m.budgetMilliseconds > 0 && m.budgetMilliseconds <= 600_000)
        {
            throw ServeError(
                .invalidConfiguration,
                "micro_batching needs max_batch_size ≥ 1, max_delay_ms in 0…60000, budget_ms in (0, 600000]")
        }
        guard (1...3_600_000).contains(configuration.predictionLog.flushIntervalMilliseconds),
            configuration.predictionLog.batchSize >= 1, configuration.predictionLog.maxBytes >= 1
        else {
            throw ServeError(
                .invalidConfiguration,
                "prediction_log needs flush_interval_ms in 1…3600000, batch_size ≥ 1 and max_bytes ≥ 1")
        }
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

    // MARK: scoring

    /// Scores one row.
    /// - Parameters:
    ///   - features: the row, `featureCount` values; NaN = missing.
    ///   - id: the entity id: the sticky key of canary, A/B and rollout routing.
    ///   - requestID: the id to log and to join feedback on (generated when `nil`).
    ///   - fallbackOnInvalidInput: answer a wrong-length row with the fallback (reason
    ///     `invalid_input`) instead of throwing.
    /// - Throws: ``ServeError`` `.notReady`, `.featureCountMismatch`, `.modelError` (only when
    ///   `fallback_on_model_error` is false).
    public func score(
        _ features: UnsafeBufferPointer<Float>, id: String? = nil, requestID: String? = nil,
        fallbackOnInvalidInput: Bool = false
    ) throws(ServeError) -> ScoreResult {
        let started = ContinuousClock.now
        guard ready.load(ordering: .relaxed) else { throw ServeError(.notReady, "no model is loaded and warmed yet") }
        let (variant, all) = pick(id: id)
        return try scoreRow(
            features, variant, all, started: started, requestID: requestID, fallbackOnInvalidInput: fallbackOnInvalidInput)
    }

    /// Scores one row on `variant` (already routed).
    private func scoreRow(
        _ features: UnsafeBufferPointer<Float>, _ variant: _LoadedVariant, _ all: [String: _LoadedVariant],
        started: ContinuousClock.Instant, requestID: String?, fallbackOnInvalidInput: Bool
    ) throws(ServeError) -> ScoreResult {
        variant.instruments.requests.increment()
        if features.count != variant.featureCount {
            guard fallbackOnInvalidInput else {
                countError("feature_count_mismatch", variant)
                throw ServeError(
                    .featureCountMismatch, "the model expects \(variant.featureCount) features, the row has \(features.count)")
            }
            return try complete(
                .fallback(.invalidInput, modelScore: nil), variant, features, all, started: started, requestID: requestID)
        }
        let outcome = withUnsafeTemporaryAllocation(of: Double.self, capacity: variant.width) { out -> _PostProcessor.Outcome in
            do {
                try variant.scorer.predict(features, into: out)
            } catch {
                return .fallback(.modelError, modelScore: nil)
            }
            guard let base = out.baseAddress else { return .fallback(.modelError, modelScore: nil) }
            return variant.post.process(base)
        }
        return try complete(outcome, variant, features, all, started: started, requestID: requestID)
    }

    /// Scores one row through the micro-batcher when `micro_batching` is configured (the row
    /// waits at most `max_delay_ms` for companions and is answered with the fallback, reason
    /// `timeout`, once `budget_ms` has passed), else exactly like
    /// ``score(_:id:requestID:fallbackOnInvalidInput:)``.
    /// - Throws: as ``score(_:id:requestID:fallbackOnInvalidInput:)``.
    public func submit(_ features: [Float], id: String? = nil, requestID: String? = nil) async throws(ServeError)
        -> ScoreResult
    {
        let started = ContinuousClock.now
        guard ready.load(ordering: .relaxed) else { throw ServeError(.notReady, "no model is loaded and warmed yet") }
        let (variant, all) = pick(id: id)
        guard let batcher = variant.batcher else {
            // No micro-batching: score here, on the routing decision already made.
            let r: Result<ScoreResult, ServeError> = features.withUnsafeBufferPointer { x in
                Result { () throws(ServeError) -> ScoreResult in
                    try scoreRow(x, variant, all, started: started, requestID: requestID, fallbackOnInvalidInput: false)
                }
            }
            return try r.get()
        }
        variant.instruments.requests.increment()
        guard features.count == variant.featureCount else {
            countError("feature_count_mismatch", variant)
            throw ServeError(
                .featureCountMismatch, "the model expects \(variant.featureCount) features, the row has \(features.count)")
        }
        let outcome = await batcher.submit(features)
        let r: Result<ScoreResult, ServeError> = features.withUnsafeBufferPointer { x in
            Result { () throws(ServeError) -> ScoreResult in
                try complete(outcome, variant, x, all, started: started, requestID: requestID)
            }
        }
        return try r.get()
    }

    /// Turns a post-processing outcome into the answer: fallback, metrics, rollout, shadows, log.
    private func complete(
        _ outcome: _PostProcessor.Outcome, _ variant: _LoadedVariant, _ features: UnsafeBufferPointer<Float>,
        _ all: [String: _LoadedVariant], started: ContinuousClock.Instant, requestID: String?
    ) throws(ServeError) -> ScoreResult {
        var failed = false
        let result: ScoreResult
        switch outcome {
        case .answer(let score, let probabilities, let label):
            result = ScoreResult(
                score: score, probabilities: probabilities, label: label, model: variant.model,
                version: variant.version, route: variant.route)
            variant.instruments.countPrediction(.model)
        case .fallback(let reason, let modelScore):
            if reason == .modelError {
                failed = true
                variant.instruments.modelErrors.increment()
                guard variant.post.fallbackOnModelError else {
                    finish(variant, started: started, failed: true)
                    throw ServeError(.modelError, "the model could not score this row")
                }
            }
            result = fallback(reason, modelScore: modelScore, features, variant)
        }
        let elapsed = finish(variant, started: started, failed: failed)
        if !router.shadows.isEmpty { runShadows(features, answer: result, all: all) }
        if let log {
            log.enqueue(
                LoggedPrediction(
                    requestID: requestID ?? makeRequestID(), model: result.model, version: result.version,
                    route: result.route, score: result.score, label: result.label, source: result.source,
                    fallbackReason: result.fallbackReason, features: Array(features), rows: 1,
                    latencyMilliseconds: elapsed, timestamp: Date().timeIntervalSince1970))
        }
        return result
    }

    /// Scores one row (see ``score(_:id:requestID:fallbackOnInvalidInput:)``).
    public func score(
        _ features: [Float], id: String? = nil, requestID: String? = nil, fallbackOnInvalidInput: Bool = false
    ) throws(ServeError) -> ScoreResult {
        let r: Result<ScoreResult, ServeError> = features.withUnsafeBufferPointer { x in
            Result { () throws(ServeError) -> ScoreResult in
                try score(x, id: id, requestID: requestID, fallbackOnInvalidInput: fallbackOnInvalidInput)
            }
        }
        return try r.get()
    }

    /// Scores a batch, row-major (`rowCount × featureCount`). A batch is one request: it is
    /// routed as a unit (by `id` when given) and one variant answers every row.
    /// - Throws: ``ServeError`` `.notReady`; `.batchTooLarge` above `limits.max_batch_rows`;
    ///   `.featureCountMismatch` when `features.count != rowCount × featureCount`;
    ///   `.modelError` when scoring fails and `fallback_on_model_error` is false.
    public func scoreBatch(
        _ features: UnsafeBufferPointer<Float>, rowCount: Int, id: String? = nil, requestID: String? = nil
    ) throws(ServeError) -> BatchScoreResult {
        let started = ContinuousClock.now
        guard ready.load(ordering: .relaxed) else { throw ServeError(.notReady, "no model is loaded and warmed yet") }
        let (variant, _) = pick(id: id)
        variant.instruments.requests.increment()
        guard rowCount >= 0, rowCount <= configuration.limits.maxBatchRows else {
            countError("batch_too_large", variant)
            throw ServeError(
                .batchTooLarge, "the batch has \(rowCount) rows; the limit is \(configuration.limits.maxBatchRows)")
        }
        let (expected, overflow) = rowCount.multipliedReportingOverflow(by: variant.featureCount)
        guard !overflow, features.count == expected else {
            countError("feature_count_mismatch", variant)
            throw ServeError(
                .featureCountMismatch,
                "the model expects \(variant.featureCount) features per row; the batch has \(features.count) values for \(rowCount) rows"
            )
        }
        var output = [Double](repeating: .nan, count: rowCount * variant.width)
        var scored = true
        do {
            try output.withUnsafeMutableBufferPointer { out in
                try variant.predictive.predict(features, rowCount: rowCount, into: out, options: .default)
            }
        } catch {
            scored = false
        }
        var results: [ScoreResult] = []
        results.reserveCapacity(rowCount)
        var failures = 0
        var modelRows = 0
        output.withUnsafeBufferPointer { out in
            for row in 0..<rowCount {
                let outcome: _PostProcessor.Outcome =
                    if scored, let base = out.baseAddress {
                        variant.post.process(base + row * variant.width)
                    } else {
                        .fallback(.modelError, modelScore: nil)
                    }
                switch outcome {
                case .answer(let score, let probabilities, let label):
                    modelRows += 1
                    results.append(
                        ScoreResult(
                            score: score, probabilities: probabilities, label: label, model: variant.model,
                            version: variant.version, route: variant.route))
                case .fallback(let reason, let modelScore):
                    if reason == .modelError { failures += 1 }
                    let rowFeatures = UnsafeBufferPointer(
                        rebasing: features[(row * variant.featureCount)..<((row + 1) * variant.featureCount)])
                    results.append(fallback(reason, modelScore: modelScore, rowFeatures, variant))
                }
            }
        }
        if modelRows > 0 { variant.instruments.countPrediction(.model, rows: modelRows) }
        if failures > 0 {
            variant.instruments.modelErrors.increment()
            if !variant.post.fallbackOnModelError {
                finish(variant, started: started, failed: true)
                throw ServeError(.modelError, "the model could not score \(failures) of \(rowCount) rows")
            }
        }
        let elapsed = finish(variant, started: started, failed: failures > 0)
        if let log {
            let first = results.first
            log.enqueue(
                LoggedPrediction(
                    requestID: requestID ?? makeRequestID(), model: variant.model, version: variant.version,
                    route: variant.route, score: first?.score, label: first?.label, source: first?.source ?? .model,
                    fallbackReason: first?.fallbackReason, features: [], rows: rowCount, latencyMilliseconds: elapsed,
                    timestamp: Date().timeIntervalSince1970))
        }
        return BatchScoreResult(results: results, model: variant.model, version: variant.version, route: variant.route)
    }

    /// Scores a batch (see ``scoreBatch(_:rowCount:id:requestID:)``).
    public func scoreBatch(
        _ features: [Float], rowCount: Int, id: String? = nil, requestID: String? = nil
    ) throws(ServeError) -> BatchScoreResult {
        let r: Result<BatchScoreResult, ServeError> = features.withUnsafeBufferPointer { x in
            Result { () throws(ServeError) -> BatchScoreResult in
                try scoreBatch(x, rowCount: rowCount, id: id, requestID: requestID)
            }
        }
        return try r.get()
    }

    /// Queues the actual outcome of an earlier request for the prediction sink. The write
    /// happens on the log's task, after every prediction queued before it; a repeated report
    /// for the same request is kept as history by the registry sink (the latest one is joined).
    /// - Throws: ``ServeError`` `.invalidRequest` / `.invalidInput` when the report breaks a
    ///   ``Feedback`` limit; `.notFound` when no prediction log is configured; `.notReady`
    ///   when the log's queue is full (counted as `feedback_dropped`; retry later).
    public func recordFeedback(requestID: String, outcome: Double?, label: String?) throws(ServeError) {
        let feedback = try Feedback(
            requestID: requestID, outcome: outcome, label: label, timestamp: Date().timeIntervalSince1970)
        guard let log else { throw ServeError(.notFound, "no prediction log is configured") }
        guard log.enqueue(feedback) else {
            throw ServeError(.notReady, "the prediction log is full; the feedback was not queued")
        }
    }

    /// Writes every queued prediction and feedback report now (tests and embedders that
    /// read the sink right after scoring; the log's task does this every `flush_interval_ms`).
    public func flushPredictionLog() {
        log?.flush()
    }

    /// Counts a request the engine never saw (refused by an HTTP front before scoring) in
    /// `mlserve_requests_total` and as a failure of type `type` (`invalid_json`,
    /// `body_too_large`, …), labelled with the primary model.
    public func recordError(type: String) {
        let primary = variants.withLock { $0[router.primary] }
        primary?.instruments.requests.increment()
        countError(type, primary)
    }

    // MARK: internals

    private func load(_ route: String) throws(ServeError) -> _LoadedVariant {
        guard let variant = configuration.variants[route] else {
            throw ServeError(.notFound, "no variant named '\(route)'")
        }
        let loaded = try _VariantLoader.load(
            route: route, variant, engineName: configuration.name, registry: registry, trustedKeys: trustedKeys)
        return try _LoadedVariant(
            route: route, model: loaded.model, version: loaded.version, source: loaded.source,
            predictive: loaded.predictive, post: variant.postProcessing ?? configuration.postProcessing,
            microBatching: configuration.microBatching, factory: factory)
    }

    /// Reads the `trusted_keys` files.
    /// - Throws: ``ServeError`` `.invalidConfiguration` naming the file that is not a public key.
    private static func readTrustedKeys(_ paths: [String]) throws(ServeError) -> [ArtifactVerificationKey] {
        var keys: [ArtifactVerificationKey] = []
        for path in paths {
            do {
                keys.append(try ArtifactVerificationKey(contentsOf: path))
            } catch {
                throw ServeError(.invalidConfiguration, "trusted key \(path): \(error)")
            }
        }
        return keys
    }

    private func checkFeatureCounts(_ loaded: [String: _LoadedVariant]) throws(ServeError) {
        let counts = Set(loaded.values.map(\.featureCount))
        guard counts.count <= 1 else {
            let detail = loaded.keys.sorted().map { "\($0): \(loaded[$0]?.featureCount ?? 0)" }.joined(separator: ", ")
            throw ServeError(.invalidConfiguration, "variants expect different feature counts (\(detail))")
        }
    }

    /// The variant for `id`, and the current set (for shadows). Falls back to the primary
    /// when the routed variant is missing.
    private func pick(id: String?) -> (_LoadedVariant, [String: _LoadedVariant]) {
        let current = variants.withLock { $0 }
        let route = router.route(id: id)
        if let v = current[route] { return (v, current) }
        if let v = current[router.primary] { return (v, current) }
        // start() loaded every configured variant before `ready` became true.
        preconditionFailure("the engine is ready but holds no primary variant")
    }

    @discardableResult
    private func finish(_ variant: _LoadedVariant, started: ContinuousClock.Instant, failed: Bool) -> Double {
        let elapsed = ContinuousClock.now - started
        let nanoseconds = elapsed.nanoseconds
        variant.instruments.duration.recordNanoseconds(nanoseconds)
        let milliseconds = Double(nanoseconds) / 1e6
        if let rollout = router.rollout, variant.route == router.candidate {
            rollout.record(latencyMilliseconds: milliseconds, failed: failed)
            rolloutGauge?.record(rollout.status.percent)
        }
        return milliseconds
    }

    private func fallback(
        _ reason: FallbackReason, modelScore: Double?, _ features: UnsafeBufferPointer<Float>, _ variant: _LoadedVariant
    ) -> ScoreResult {
        variant.instruments.countFallback(reason)
        if let rules, let answer = rules(features, reason) {
            variant.instruments.countPrediction(.rules)
            return ScoreResult(
                score: answer.score, label: answer.label, model: variant.model, version: variant.version,
                route: variant.route, source: .rules, fallbackReason: reason)
        }
        variant.instruments.countPrediction(.fallback)
        return ScoreResult(
            score: modelScore ?? variant.post.fallbackScore, label: variant.post.fallbackLabel, model: variant.model,
            version: variant.version, route: variant.route, source: .fallback, fallbackReason: reason)
    }

    private func countError(_ type: String, _ variant: _LoadedVariant?) {
        let model = variant?.model ?? configuration.name ?? "model"
        let version = variant?.version ?? ""
        let route = variant?.route ?? "none"
        let key = "\(type)|\(model)|\(version)|\(route)"
        let counter = engineErrors.withLock { cache -> Counter in
            if let c = cache[key] { return c }
            let c = Counter(
                label: ServeMetricNames.errors,
                dimensions: [("model", model), ("version", version), ("route", route), ("type", type)], factory: factory)
            cache[key] = c
            return c
        }
        counter.increment()
    }

    /// A new server-made request id (``RequestID/make()``: `srv~` and 128 random bits in
    /// hex), unguessable and never equal to a client-supplied id.
    public func makeRequestID() -> String { RequestID.make() }

    /// Scores the row on every shadow off the request path. The answer was decided before
    /// this runs and is never touched; only comparison counters change.
    private func runShadows(_ features: UnsafeBufferPointer<Float>, answer: ScoreResult, all: [String: _LoadedVariant]) {
        let shadows = router.shadows.compactMap { all[$0] }.filter { $0.route != answer.route }
        if shadows.isEmpty { return }
        guard shadowInFlight.add(1, ordering: .acquiringAndReleasing).newValue <= maxShadowsInFlight else {
            shadowInFlight.subtract(1, ordering: .acquiringAndReleasing)
            shadowCounts.skipped.add(shadows.count, ordering: .relaxed)
            return
        }
        let row = Array(features)
        let counts = shadowCounts
        let inFlight = self
        Task.detached(priority: .low) {
            defer { inFlight.shadowInFlight.subtract(1, ordering: .acquiringAndReleasing) }
            for shadow in shadows {
                let outcome: _PostProcessor.Outcome
                do {
                    let out = try shadow.scorer.predict(row)
                    outcome = out.withUnsafeBufferPointer { o in
                        guard let base = o.baseAddress else { return .fallback(.modelError, modelScore: nil) }
                        return shadow.post.process(base)
                    }
                } catch {
                    outcome = .fallback(.modelError, modelScore: nil)
                }
                switch outcome {
                case .answer(let score, _, let label):
                    let agree: Bool
                    if let label, let answered = answer.label {
                        agree = label == answered
                    } else if let answered = answer.score {
                        agree = abs(score - answered) <= 1e-3 * max(1, abs(answered))
                    } else {
                        agree = false
                    }
                    if agree {
                        counts.agree.add(1, ordering: .relaxed)
                    } else {
                        counts.disagree.add(1, ordering: .relaxed)
                    }
                    shadow.instruments.shadow[agree ? 0 : 1].increment()
                case .fallback:
                    counts.failed.add(1, ordering: .relaxed)
                    shadow.instruments.shadow[2].increment()
                }
            }
        }
    }
}

/// Shadow comparison counts: how often the shadows agreed with the answer that was sent.
public struct ShadowStatistics: Sendable, Equatable, Codable {
    /// Same label (or, for label-less outputs, scores within 0.1 % relative).
    public var agree: Int
    /// A different label or score.
    public var disagree: Int
    /// The shadow failed or fell back.
    public var failed: Int
    /// Shadow scorings skipped because `maxShadowsInFlight` were running.
    public var skipped: Int
}

final class _ShadowCounts: Sendable {
    let agree = Atomic<Int>(0)
    let disagree = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let skipped = Atomic<Int>(0)

    var snapshot: ShadowStatistics {
        ShadowStatistics(
            agree: agree.load(ordering: .relaxed), disagree: disagree.load(ordering: .relaxed),
            failed: failed.load(ordering: .relaxed), skipped: skipped.load(ordering: .relaxed))
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (s, atto) = components
        return s * 1_000_000_000 + atto / 1_000_000_000
    }

    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
