import FoundationEssentials
import MLCalibration
import MLModels

/// Calibration, thresholds and the confidence floor of one variant, prepared once at load.
struct _PostProcessor: Sendable {
    /// What the post-processor decided for one row.
    enum Outcome: Sendable {
        case answer(score: Double, probabilities: [Double]?, label: String?)
        case fallback(FallbackReason, modelScore: Double?)
    }

    let kind: OutputKind
    let width: Int
    let calibrator: BinaryCalibrator?
    let threshold: Double
    let labels: [String]
    let policy: ThresholdPolicy?
    let minConfidence: Double?
    let fallbackLabel: String
    let fallbackScore: Double?
    let fallbackOnModelError: Bool

    init(_ config: PostProcessingConfiguration, kind: OutputKind, width: Int) throws(ServeError) {
        self.kind = kind
        self.width = width
        guard config.threshold.isFinite, (0...1).contains(config.threshold) else {
            throw ServeError(.invalidConfiguration, "post_processing.threshold must be in [0, 1] (got \(config.threshold))")
        }
        if let m = config.minConfidence, !(m.isFinite && (0...1).contains(m)) {
            throw ServeError(.invalidConfiguration, "post_processing.min_confidence must be in [0, 1] (got \(m))")
        }
        threshold = config.threshold
        minConfidence = config.minConfidence
        fallbackLabel = config.fallbackLabel
        fallbackScore = config.fallbackScore
        fallbackOnModelError = config.fallbackOnModelError

        let classCount: Int
        switch kind {
        case .binaryProbability: classCount = 2
        case .multiclassProbabilities(let k), .classIndex(let k): classCount = k
        default: classCount = 0
        }
        if let given = config.labels {
            guard given.count == classCount, classCount > 0 else {
                throw ServeError(
                    .invalidConfiguration,
                    "post_processing.labels has \(given.count) labels; the model (\(kind.name)) has \(classCount) classes")
            }
            labels = given
        } else {
            labels = (0..<classCount).map(String.init)
        }

        if let path = config.calibrator {
            guard kind == .binaryProbability else {
                throw ServeError(.invalidConfiguration, "a calibrator applies to binary models only (this one is \(kind.name))")
            }
            calibrator = try Self.loadCalibrator(path)
        } else {
            calibrator = nil
        }

        if let given = config.classThresholds {
            guard case .multiclassProbabilities = kind else {
                throw ServeError(.invalidConfiguration, "class_thresholds apply to multiclass probability models only")
            }
            do {
                policy = try ThresholdPolicy(
                    thresholds: try ClassThresholds(given), classNames: labels, fallbackLabel: config.fallbackLabel,
                    defaultThreshold: 0)
            } catch {
                throw ServeError(.invalidConfiguration, "class_thresholds: \(error)")
            }
        } else {
            policy = nil
        }
    }

    static func loadCalibrator(_ path: String) throws(ServeError) -> BinaryCalibrator {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ServeError(.invalidConfiguration, "cannot read calibrator \(path): \(error)")
        }
        let decoder = JSONDecoder()
        if let c = try? decoder.decode(BinaryCalibrator.self, from: data) { return c }
        if let c = try? decoder.decode(IsotonicCalibrator.self, from: data) { return .isotonic(c) }
        do {
            return .sigmoid(try decoder.decode(SigmoidCalibrator.self, from: data))
        } catch {
            throw ServeError(.invalidConfiguration, "\(path) is not a calibrator: \(error)")
        }
    }

    /// Decides one row from the model's `width` outputs.
    func process(_ out: UnsafePointer<Double>) -> Outcome {
        switch kind {
        case .binaryProbability:
            var p = out[0]
            if let calibrator { p = calibrator.calibrated(p) }
            guard p.isFinite else { return .fallback(.modelError, modelScore: nil) }
            if let minConfidence, max(p, 1 - p) < minConfidence {
                return .fallback(.lowConfidence, modelScore: p)
            }
            return .answer(score: p, probabilities: nil, label: p >= threshold ? labels[1] : labels[0])
        case .multiclassProbabilities:
            let probabilities = Array(UnsafeBufferPointer(start: out, count: width))
            guard probabilities.allSatisfy(\.isFinite) else { return .fallback(.modelError, modelScore: nil) }
            var best = 0
            for k in 1..<max(1, width) where probabilities[k] > probabilities[best] { best = k }
            let top = probabilities.isEmpty ? 0 : probabilities[best]
            if let minConfidence, top < minConfidence {
                return .fallback(.lowConfidence, modelScore: top)
            }
            if let policy {
                guard let decision = try? policy.decide(probabilities), let k = decision.classIndex else {
                    return .fallback(.lowConfidence, modelScore: top)
                }
                return .answer(score: probabilities[k], probabilities: probabilities, label: labels[k])
            }
            return .answer(score: top, probabilities: probabilities, label: labels[best])
        case .classIndex(let k):
            let v = out[0]
            guard v.isFinite, v >= 0, v < Double(k) else { return .fallback(.modelError, modelScore: nil) }
            return .answer(score: v, probabilities: nil, label: labels[Int(v)])
        case .regressionValue, .anomalyScore, .rawScore:
            let v = out[0]
            guard v.isFinite else { return .fallback(.modelError, modelScore: nil) }
            return .answer(score: v, probabilities: nil, label: nil)
        }
    }
}
