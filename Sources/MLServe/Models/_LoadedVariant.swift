import CoreMetrics
import Crypto
import FoundationEssentials
import MLModels
import MLRegistry

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
        instruments = _VariantInstruments(factory: factory, model: model, version: version, route: route)
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

    func info(role: String) -> ModelInfo {
        ModelInfo(
            route: route, model: model, version: version, source: source, format: format, featureCount: featureCount,
            outputKind: predictive.outputKind.name, role: role, loadedAt: loadedAt)
    }
}

/// Loads a variant's model from its file or the registry.
enum _VariantLoader {
    struct Loaded {
        var predictive: any PredictiveModel
        var model: String
        var version: String
        var source: String
    }

    static func load(
        route: String, _ variant: VariantConfiguration, engineName: String?, registry: ModelRegistry?,
        trustedKeys: [ArtifactVerificationKey] = []
    ) throws(ServeError) -> Loaded {
        if let path = variant.path {
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw ServeError(.loadFailed, "cannot read model file \(path)")
            }
            let predictive: any PredictiveModel
            do {
                predictive = try ModelLoader.load(bytes: bytes)
            } catch {
                throw ServeError(.loadFailed, "\(path): \(error)", reason: refusalReason(error))
            }
            let digest = SHA256.hash(data: bytes).map { String($0, radix: 16).leftPadded(2) }.joined()
            let stem = (path.split(separator: "/").last.map(String.init) ?? path).split(separator: ".").first.map(String.init)
            return Loaded(
                predictive: predictive, model: engineName ?? stem ?? "model", version: "sha256:" + digest.prefix(12),
                source: path)
        }
        guard let registry else {
            throw ServeError(.invalidConfiguration, "variant '\(route)' names no path, and no registry is open")
        }
        guard let name = variant.registryName ?? engineName else {
            throw ServeError(.invalidConfiguration, "variant '\(route)' names no registry_name, and the engine has no name")
        }
        let reference: VersionReference = variant.version.map { .number($0) } ?? .alias(variant.alias ?? route)
        let sourceText = variant.version.map { "registry:\(name)#\($0)" } ?? "registry:\(name)@\(variant.alias ?? route)"
        do {
            let resolved = try registry.version(name, reference)
            let bytes = try registry.loadArtifact(name, .number(resolved.version), trustedKeys: trustedKeys)
            let predictive = try ModelLoader.load(bytes: bytes)
            return Loaded(
                predictive: predictive, model: engineName ?? name, version: String(resolved.version), source: sourceText)
        } catch {
            throw ServeError(.loadFailed, "\(sourceText): \(error)", reason: refusalReason(error))
        }
    }

    /// Why a model was refused, without paths or database detail: a model file's own error
    /// (code, message, where in the file), or the registry's error code.
    static func refusalReason(_ error: any Error) -> String? {
        if var e = error as? ModelLoadingError {
            guard e.code != .io else { return "the model file could not be read" }
            e.file = nil  // the location inside the file stays; the path does not
            return "\(e.code.rawValue): \(e)"
        }
        if let e = error as? RegistryError { return "registry refused the version: \(e.code.rawValue)" }
        return nil
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
