import CoreMetrics
import FoundationEssentials
import MLModels

/// One loaded, warmed variant. Immutable: a reload builds a new one and swaps it in, so a
/// request holding the old one finishes on it.
final class _LoadedVariant: Sendable {
    let route: String
    let model: String
    let version: String
    let source: String
    let format: String
    let predictive: any PredictiveModel
    let scorer: SingleRowScorer
    let width: Int
    let featureCount: Int
    let post: _PostProcessor
    let instruments: _VariantInstruments
    let loadedAt: Double
    let batcher: _MicroBatcher?

    init(
        route: String, model: String, version: String, source: String, predictive: any PredictiveModel,
        post: PostProcessingConfiguration, microBatching: MicroBatchingConfiguration?, factory: any MetricsFactory
    ) throws(ServeError) {
        self.route = route
        self.model = model
        self.version = version
        self.source = source
        self.predictive = predictive
        self.format = predictive.modelDescription.format.rawValue
        do {
            scorer = try predictive.makeSingleRowScorer(options: .default)
        } catch {
            throw ServeError(.loadFailed, "\(source): \(error)")
        }
        width = scorer.outputWidth
        featureCount = scorer.featureCount
        guard width >= 1 else { throw ServeError(.loadFailed, "\(source): the model has no outputs") }
        self.post = try _PostProcessor(post, kind: predictive.outputKind, width: width)
        instruments = _VariantInstruments(
            factory: factory, labels: _MetricLabels(model: model, version: version, route: route))
        loadedAt = Date().timeIntervalSince1970
        if let microBatching {
            let (processor, width) = (self.post, self.width)
            batcher = _MicroBatcher(microBatching) { rows, count in
                var out = [Double](repeating: .nan, count: count * width)
                do {
                    try rows.withUnsafeBufferPointer { x in
                        try out.withUnsafeMutableBufferPointer { o in
                            try predictive.predict(x, rowCount: count, into: o, options: .default)
                        }
                    }
                } catch {
                    return Array(repeating: .fallback(.modelError, modelScore: nil), count: count)
                }
                return out.withUnsafeBufferPointer { o in
                    (0..<count).map { k in
                        o.baseAddress.map { processor.process($0 + k * width) } ?? .fallback(.modelError, modelScore: nil)
                    }
                }
            }
        } else {
            batcher = nil
        }
        try warmUp()
    }

    /// Scores a few rows (all zeros, all missing) through both the single-row and batch
    /// paths, so the first request pays no first-touch cost. It builds ten rows of
    /// `featureCount` floats: the loaders' cost contract bounds `featureCount` (2^20, more
    /// only when the file carries 4 bytes per feature), so this stays within it too.
    private func warmUp() throws(ServeError) {
        let zeros = [Float](repeating: 0, count: featureCount)
        let missing = [Float](repeating: .nan, count: featureCount)
        do {
            for _ in 0..<64 {
                _ = try scorer.predict(zeros)
                _ = try scorer.predict(missing)
            }
            let rows = 8
            let batch = [Float](repeating: 0, count: featureCount * rows)
            var out = [Double](repeating: 0, count: width * rows)
            try batch.withUnsafeBufferPointer { x in
                try out.withUnsafeMutableBufferPointer { o in
                    try predictive.predict(x, rowCount: rows, into: o, options: .default)
                }
            }
        } catch {
            throw ServeError(.loadFailed, "\(source): warm-up failed: \(error)", reason: "the model failed its warm-up scoring")
        }
    }

    /// The `model`, `version` and `route` labels of this variant's metrics.
    var labels: _MetricLabels { _MetricLabels(model: model, version: version, route: route) }

    func info(role: String) -> ModelInfo {
        ModelInfo(
            route: route, model: model, version: version, source: source, format: format, featureCount: featureCount,
            outputKind: predictive.outputKind.name, role: role, loadedAt: loadedAt)
    }
}
