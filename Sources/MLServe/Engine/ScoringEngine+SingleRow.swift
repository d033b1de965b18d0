import FoundationEssentials
import MLModels

/// Scoring one row: directly, or through the micro-batcher.
extension ScoringEngine {
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
    func scoreRow(
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
    func complete(
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
                    requestID: requestID ?? RequestID.make(), model: result.model, version: result.version,
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
}
