import FoundationEssentials
import MLModels

/// Scoring a batch: one request, one routing decision, one variant for every row.
extension ScoringEngine {
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
                    requestID: requestID ?? RequestID.make(), model: variant.model, version: variant.version,
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
}
