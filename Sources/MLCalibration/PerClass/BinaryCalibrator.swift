/// Either kind of fitted binary calibrator, for storage where the kind is chosen at run time
/// (per-class calibrators, registries). Encodes as `{"method": "isotonic"|"sigmoid",
/// "calibrator": {...}}`; decoding verifies the inner calibrator.
public enum BinaryCalibrator: ScoreCalibrator, Codable, Equatable {
    /// An isotonic calibrator.
    case isotonic(IsotonicCalibrator)
    /// A Platt (sigmoid) calibrator.
    case sigmoid(SigmoidCalibrator)

    /// The wrapped calibrator's output.
    public func calibrated(_ score: Double) -> Double {
        switch self {
        case .isotonic(let c): c.calibrated(score)
        case .sigmoid(let c): c.calibrated(score)
        }
    }

    /// The wrapped calibrator's outputs for many scores.
    public func calibrated(_ scores: [Double]) -> [Double] {
        switch self {
        case .isotonic(let c): c.calibrated(scores)
        case .sigmoid(let c): c.calibrated(scores)
        }
    }

    /// The wrapped calibrator's content hash.
    public var contentHash: String {
        switch self {
        case .isotonic(let c): c.contentHash
        case .sigmoid(let c): c.contentHash
        }
    }

    enum CodingKeys: String, CodingKey { case method, calibrator }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .method) {
        case "isotonic": self = .isotonic(try c.decode(IsotonicCalibrator.self, forKey: .calibrator))
        case "sigmoid": self = .sigmoid(try c.decode(SigmoidCalibrator.self, forKey: .calibrator))
        case let other:
            throw CalibrationError(.verificationFailed, "unknown calibration method '\(other)'", field: "method")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .isotonic(let inner):
            try c.encode("isotonic", forKey: .method)
            try c.encode(inner, forKey: .calibrator)
        case .sigmoid(let inner):
            try c.encode("sigmoid", forKey: .method)
            try c.encode(inner, forKey: .calibrator)
        }
    }
}
