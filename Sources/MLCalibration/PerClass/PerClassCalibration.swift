import MLCore

/// One-vs-rest calibration of multiclass probabilities, as scikit-learn's
/// `CalibratedClassifierCV` for K > 2 classes: a binary calibrator per class k, fitted on column
/// k against `label == k`; at prediction each column is calibrated and the row is divided by its
/// sum. A row whose calibrated values are all 0 becomes uniform (1/K each), as scikit-learn does.
/// ``fit(probabilities:labels:)`` returns an immutable ``PerClassCalibrator``.
///
/// With isotonic calibration every class must have at least
/// ``IsotonicCalibration/minimumSamplesPerClass`` rows in the labels (so each one-vs-rest fit has
/// that many positives and, with K ≥ 2, that many negatives) unless
/// ``IsotonicCalibration/allowSmallSample`` is set.
public struct PerClassCalibration: Sendable, Codable, Equatable {
    /// The binary method used for each class.
    public enum Method: Sendable, Codable, Equatable {
        /// Isotonic calibration with these hyperparameters.
        case isotonic(IsotonicCalibration)
        /// Platt scaling.
        case sigmoid(SigmoidCalibration)
    }

    /// The per-class method (default: isotonic with default hyperparameters).
    public var method: Method

    /// Creates a configuration.
    public init(method: Method = .isotonic(IsotonicCalibration())) {
        self.method = method
    }

    /// Fits one calibrator per column.
    /// - Parameters:
    ///   - probabilities: n × K scores (K ≥ 2), finite.
    ///   - labels: class indices in `0..<K`.
    /// - Throws: ``CalibrationError`` `.invalidInput` (shape, labels, non-finite values, a class
    ///   absent from the labels), `.smallSample` (isotonic with a class below the minimum),
    ///   `.fitFailed` (a Platt fit whose slope is not negative).
    public func fit(probabilities: Matrix<Double>, labels: [Int]) throws -> PerClassCalibrator {
        try TemperatureScaling.validate(probabilities, labels: labels, probabilities: false, field: "probabilities")
        let k = probabilities.columns
        var counts = [Int](repeating: 0, count: k)
        for label in labels { counts[label] += 1 }
        if let absent = counts.firstIndex(of: 0) {
            throw CalibrationError(.invalidInput, "class \(absent) never occurs in the labels: its calibrator cannot be fitted", field: "labels")
        }
        var calibrators: [BinaryCalibrator] = []
        for column in 0..<k {
            let scores = (0..<probabilities.rows).map { probabilities.elements[$0 * k + column] }
            let binary = labels.map { $0 == column ? 1 : 0 }
            switch method {
            case .isotonic(let config):
                if !config.allowSmallSample, let small = counts.firstIndex(where: { $0 < config.minimumSamplesPerClass }) {
                    throw CalibrationError(
                        .smallSample,
                        "isotonic calibration needs at least \(config.minimumSamplesPerClass) samples per class; class \(small) has \(counts[small]) (set allowSmallSample to override)",
                        field: "labels")
                }
                var oneVsRest = config
                oneVsRest.allowSmallSample = true
                calibrators.append(.isotonic(try oneVsRest.fit(scores: scores, labels: binary)))
            case .sigmoid(let config):
                calibrators.append(.sigmoid(try config.fit(scores: scores, labels: binary)))
            }
        }
        return try PerClassCalibrator(calibrators: calibrators)
    }
}

/// Fitted one-vs-rest calibrators, one per class, whose outputs are renormalised to sum to 1.
///
/// Immutable and `Codable`; decoding verifies every member and the combined content hash.
public struct PerClassCalibrator: Sendable, Codable, Equatable {
    /// The calibrator of each class, in class order.
    public let calibrators: [BinaryCalibrator]
    /// SHA-256 over the members' hashes, in order.
    public let contentHash: String

    /// Number of classes K.
    public var classCount: Int { calibrators.count }

    /// Creates a per-class calibrator from fitted members.
    /// - Throws: ``CalibrationError`` `.verificationFailed` for fewer than 2 members.
    public init(calibrators: [BinaryCalibrator]) throws {
        self.calibrators = calibrators
        contentHash = Self.hash(calibrators)
        try verify()
    }

    /// Calibrated, renormalised probabilities of one row of K scores: pₖ = cₖ(sₖ) / Σⱼ cⱼ(sⱼ), or
    /// 1/K for every class when all cₖ(sₖ) are 0.
    /// - Throws: ``CalibrationError`` `.invalidInput` when the row does not hold K finite values.
    public func probabilities(_ row: [Double]) throws -> [Double] {
        guard row.count == classCount else {
            throw CalibrationError(.invalidInput, "row has \(row.count) values, calibrator has \(classCount) classes", field: "probabilities")
        }
        var out = [Double](repeating: 0, count: classCount)
        var total = 0.0
        for k in 0..<classCount {
            guard row[k].isFinite else {
                throw CalibrationError(.invalidInput, "value \(k) of the row is \(row[k])", field: "probabilities")
            }
            out[k] = calibrators[k].calibrated(row[k])
            total += out[k]
        }
        if total == 0 { return [Double](repeating: 1 / Double(classCount), count: classCount) }
        return out.map { $0 / total }
    }

    /// Calibrated, renormalised probabilities of an n × K matrix.
    /// - Throws: ``CalibrationError`` `.invalidInput` for a column count other than K or a
    ///   non-finite value.
    public func probabilities(_ matrix: Matrix<Double>) throws -> Matrix<Double> {
        try _ClassRows.map(matrix, classCount: classCount, field: "probabilities") { try probabilities($0) }
    }

    /// Re-runs the load-time checks: at least 2 classes and the combined hash (each member was
    /// verified when it was made or decoded).
    public func verify() throws {
        guard calibrators.count >= 2 else {
            throw CalibrationError(.verificationFailed, "per-class calibrator needs ≥ 2 classes, has \(calibrators.count)", field: "calibrators")
        }
        try _HashCheck.verify(stored: contentHash, computed: Self.hash(calibrators), kind: "per-class")
    }

    static func hash(_ calibrators: [BinaryCalibrator]) -> String {
        _CanonicalEncoding.contentHash(kind: "per-class") { encoding in
            encoding.append(calibrators.count)
            for c in calibrators { encoding.append(c.contentHash) }
        }
    }

    enum CodingKeys: String, CodingKey { case kind, calibrators, contentHash = "content_hash" }

    /// Decodes and verifies (``CalibrationError`` `.hashMismatch` / `.verificationFailed`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        calibrators = try c.decode([BinaryCalibrator].self, forKey: .calibrators)
        contentHash = try c.decode(String.self, forKey: .contentHash)
        try verify()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("per-class", forKey: .kind)
        try c.encode(calibrators, forKey: .calibrators)
        try c.encode(contentHash, forKey: .contentHash)
    }
}
