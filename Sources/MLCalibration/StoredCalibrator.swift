import MLCore

/// Any fitted calibrator, as stored in a calibrator file: the file's `kind` field
/// (`isotonic`, `sigmoid`, `per-class`, `temperature`) says which.
///
/// Encodes exactly as the wrapped calibrator (so a file written from an
/// ``IsotonicCalibrator`` reads back as `.binary(.isotonic(...))`); decoding dispatches on
/// `kind` and verifies the calibrator (hash, monotonicity, range) as its own decoder does.
///
/// ```swift
/// let stored = try JSONDecoder().decode(StoredCalibrator.self, from: data)   // throws if tampered
/// let p = try stored.calibrated(scores: [0.2, 0.9])
/// ```
public enum StoredCalibrator: Sendable, Codable, Equatable {
    /// A binary calibrator (isotonic or sigmoid) of one score per row.
    case binary(BinaryCalibrator)
    /// One-vs-rest calibrators of K class probabilities, renormalised.
    case perClass(PerClassCalibrator)
    /// Temperature scaling of K class probabilities.
    case temperature(TemperatureCalibrator)

    /// `isotonic`, `sigmoid`, `per-class` or `temperature`.
    public var kind: String {
        switch self {
        case .binary(.isotonic): "isotonic"
        case .binary(.sigmoid): "sigmoid"
        case .perClass: "per-class"
        case .temperature: "temperature"
        }
    }

    /// The wrapped calibrator's content hash (lowercase hex SHA-256 of its parameters).
    public var contentHash: String {
        switch self {
        case .binary(let c): c.contentHash
        case .perClass(let c): c.contentHash
        case .temperature(let c): c.contentHash
        }
    }

    /// The number of classes the calibrator takes per row: 2 for binary calibrators (one score
    /// per row), K for per-class and temperature calibrators.
    public var classCount: Int {
        switch self {
        case .binary: 2
        case .perClass(let c): c.classCount
        case .temperature(let c): c.classCount
        }
    }

    /// Re-runs the wrapped calibrator's load-time checks.
    /// - Throws: ``CalibrationError`` `.hashMismatch` or `.verificationFailed`.
    public func verify() throws {
        switch self {
        case .binary(.isotonic(let c)): try c.verify()
        case .binary(.sigmoid(let c)): try c.verify()
        case .perClass(let c):
            for member in c.calibrators {
                switch member {
                case .isotonic(let m): try m.verify()
                case .sigmoid(let m): try m.verify()
                }
            }
            try c.verify()
        case .temperature(let c): try c.verify()
        }
    }

    enum CodingKeys: String, CodingKey { case kind }

    /// Decodes the calibrator named by `kind` and verifies it.
    /// - Throws: ``CalibrationError`` `.verificationFailed` for an unknown kind, and the wrapped
    ///   decoder's errors.
    public init(from decoder: any Decoder) throws {
        let kind = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .kind)
        switch kind {
        case "isotonic": self = .binary(.isotonic(try IsotonicCalibrator(from: decoder)))
        case "sigmoid": self = .binary(.sigmoid(try SigmoidCalibrator(from: decoder)))
        case "per-class": self = .perClass(try PerClassCalibrator(from: decoder))
        case "temperature": self = .temperature(try TemperatureCalibrator(from: decoder))
        default:
            throw CalibrationError(
                .verificationFailed, "unknown calibrator kind '\(kind)' (isotonic, sigmoid, per-class, temperature)",
                field: "kind")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .binary(.isotonic(let c)): try c.encode(to: encoder)
        case .binary(.sigmoid(let c)): try c.encode(to: encoder)
        case .perClass(let c): try c.encode(to: encoder)
        case .temperature(let c): try c.encode(to: encoder)
        }
    }
}
