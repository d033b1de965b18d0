import CoreMetrics
import FoundationEssentials
import MLModels
import MLRegistry

/// Loading variants, picking one for a request, and the bookkeeping of an answer (latency,
/// rollout, fallback, error counts).
extension ScoringEngine {
    func load(_ route: String) throws(ServeError) -> _LoadedVariant {
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
    static func readTrustedKeys(_ paths: [String]) throws(ServeError) -> [ArtifactVerificationKey] {
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

    func checkFeatureCounts(_ loaded: [String: _LoadedVariant]) throws(ServeError) {
        let counts = Set(loaded.values.map(\.featureCount))
        guard counts.count <= 1 else {
            let detail = loaded.keys.sorted().map { "\($0): \(loaded[$0]?.featureCount ?? 0)" }.joined(separator: ", ")
            throw ServeError(.invalidConfiguration, "variants expect different feature counts (\(detail))")
        }
    }

    /// The variant for `id`, and the current set (for shadows). Falls back to the primary
    /// when the routed variant is missing.
    func pick(id: String?) -> (_LoadedVariant, [String: _LoadedVariant]) {
        let current = variants.withLock { $0 }
        let route = router.route(id: id)
        if let v = current[route] { return (v, current) }
        if let v = current[router.primary] { return (v, current) }
        // start() loaded every configured variant before `ready` became true.
        preconditionFailure("the engine is ready but holds no primary variant")
    }

    @discardableResult
    func finish(_ variant: _LoadedVariant, started: ContinuousClock.Instant, failed: Bool) -> Double {
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

    func fallback(
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

    /// Counts a failed request in `mlserve_errors_total`, labelled with `variant` (or, before
    /// any is loaded, the engine's name, no version and route `none`).
    func countError(_ type: String, _ variant: _LoadedVariant?) {
        errorCounters.countError(type, labels: variant?.labels ?? unloadedLabels)
    }

    /// The labels of a failure no variant can be named for.
    var unloadedLabels: _MetricLabels { _MetricLabels(model: configuration.name ?? "model", version: "", route: "none") }

    /// Where the engine's metrics go: a front that counts the requests it refuses before they
    /// reach the engine (MLServeHTTP) counts them in the same series.
    package var metricsFactory: any MetricsFactory { factory }

    /// The labels of the variant answering by default now (`nil` before ``start()``).
    package var primaryLabels: _MetricLabels? { variants.withLock { $0[router.primary] }?.labels }
}
