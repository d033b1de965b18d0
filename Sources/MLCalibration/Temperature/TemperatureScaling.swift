import MLCore

/// Temperature scaling for multiclass scores (Guo et al. 2017; scikit-learn 1.8+'s
/// `CalibratedClassifierCV(method="temperature")`): one temperature T > 0 such that
/// softmax(logits / T) minimises the mean negative log-likelihood of the labels;
/// ``fit(logits:labels:)`` returns an immutable ``TemperatureCalibrator``.
///
/// The fit works on the inverse temperature β = 1/T, in which the NLL
/// f(β) = (1/n) Σᵢ [logsumexp(β·zᵢ) − β·z_{i,yᵢ}] is convex (f'' is the mean variance of the
/// logits under softmax(β·z) ≥ 0): safeguarded 1-D Newton (bisection in log β whenever a Newton
/// step leaves the bracket) on f'(β) = 0, inside scikit-learn's bounds log β ∈ [−10, 10]. When
/// the optimum is outside those bounds (f' has one sign on the whole interval, e.g. perfectly
/// separated training data) the nearest bound is returned, as scikit-learn's bounded search does.
/// Probabilities are turned into logits by log(p + ε), ε = 2.220446049250313e-16, as scikit-learn.
/// Arg-max (and hence accuracy) never changes.
public struct TemperatureScaling: Sendable, Codable, Equatable {
    /// Creates the configuration (no hyperparameters).
    public init() {}

    /// Fits T on an n × K matrix of logits (decision values) and labels in `0..<K`.
    /// - Throws: ``CalibrationError`` `.invalidInput` (empty, fewer than 2 columns, mismatched
    ///   lengths, non-finite logits, labels outside `0..<K`).
    public func fit(logits: Matrix<Double>, labels: [Int]) throws -> TemperatureCalibrator {
        try Self.validate(logits, labels: labels, probabilities: false)
        let beta = Self.optimalInverseTemperature(logits.elements, columns: logits.columns, labels: labels)
        return try TemperatureCalibrator(temperature: 1 / beta, classCount: logits.columns)
    }

    /// Fits T on an n × K matrix of probabilities (rows in [0, 1]), using log(p + ε) as logits.
    /// - Throws: as ``fit(logits:labels:)``, and `.invalidInput` for values outside [0, 1].
    public func fit(probabilities: Matrix<Double>, labels: [Int]) throws -> TemperatureCalibrator {
        try Self.validate(probabilities, labels: labels, probabilities: true)
        let logits = probabilities.elements.map { _Math.log($0 + Double.ulpOfOne) }
        let beta = Self.optimalInverseTemperature(logits, columns: probabilities.columns, labels: labels)
        return try TemperatureCalibrator(temperature: 1 / beta, classCount: probabilities.columns)
    }

    static func validate(_ m: Matrix<Double>, labels: [Int], probabilities: Bool, field: String? = nil) throws {
        let field = field ?? (probabilities ? "probabilities" : "logits")
        guard m.rows > 0 else { throw CalibrationError(.invalidInput, "no rows", field: field) }
        guard m.columns >= 2 else {
            throw CalibrationError(.invalidInput, "need at least 2 classes (columns), got \(m.columns)", field: field)
        }
        guard labels.count == m.rows else {
            throw CalibrationError(.invalidInput, "\(m.rows) rows but \(labels.count) labels", field: "labels")
        }
        for (i, label) in labels.enumerated() where label < 0 || label >= m.columns {
            throw CalibrationError(.invalidInput, "label at index \(i) is \(label), outside 0..<\(m.columns)", field: "labels")
        }
        for (i, v) in m.elements.enumerated() {
            if !v.isFinite || (probabilities && (v < 0 || v > 1)) {
                throw CalibrationError(
                    .invalidInput, "row \(i / m.columns), column \(i % m.columns) is \(v)",
                    field: field)
            }
        }
    }

    /// First and second derivative of the mean NLL in β.
    static func derivatives(_ z: [Double], columns k: Int, labels: [Int], beta: Double) -> (Double, Double) {
        var d1 = 0.0
        var d2 = 0.0
        for i in labels.indices {
            let row = i * k
            var maxLogit = -Double.infinity
            for j in 0..<k { maxLogit = Swift.max(maxLogit, beta * z[row + j]) }
            var total = 0.0, mean = 0.0, second = 0.0
            for j in 0..<k {
                let e = _Math.exp(beta * z[row + j] - maxLogit)
                total += e
                mean += e * z[row + j]
                second += e * z[row + j] * z[row + j]
            }
            mean /= total
            second /= total
            d1 += mean - z[row + labels[i]]
            d2 += Swift.max(0, second - mean * mean)
        }
        let n = Double(labels.count)
        return (d1 / n, d2 / n)
    }

    static func optimalInverseTemperature(_ z: [Double], columns k: Int, labels: [Int]) -> Double {
        var low = _Math.exp(-10.0)
        var high = _Math.exp(10.0)
        if derivatives(z, columns: k, labels: labels, beta: low).0 >= 0 { return low }
        if derivatives(z, columns: k, labels: labels, beta: high).0 <= 0 { return high }
        var beta = 1.0
        for _ in 0..<200 {
            let (d1, d2) = derivatives(z, columns: k, labels: labels, beta: beta)
            if d1 == 0 { return beta }
            if d1 < 0 { low = beta } else { high = beta }
            var next = d2 > 0 ? beta - d1 / d2 : .nan
            if !(next > low && next < high) { next = (low * high).squareRoot() }  // bisect in log β
            if abs(next - beta) <= 4 * Double.ulpOfOne * beta || high - low <= 4 * Double.ulpOfOne * high {
                return next
            }
            beta = next
        }
        return beta
    }
}

/// A fitted temperature: probabilities = softmax(logits / T) row by row.
///
/// Immutable and `Codable`; decoding recomputes the content hash and re-verifies.
public struct TemperatureCalibrator: Sendable, Codable, Equatable {
    /// The temperature T > 0 (> 1 softens over-confident models, < 1 sharpens).
    public let temperature: Double
    /// Number of classes K the calibrator was fitted on.
    public let classCount: Int
    /// SHA-256 of the canonical encoding of T and K.
    public let contentHash: String

    /// Creates a calibrator from a temperature.
    /// - Throws: ``CalibrationError`` `.verificationFailed` when T is not finite and > 0 or K < 2.
    public init(temperature: Double, classCount: Int) throws {
        self.temperature = temperature
        self.classCount = classCount
        contentHash = Self.hash(temperature, classCount)
        try verify()
    }

    /// softmax(logits / T) of one row of K logits (computed stably, max subtracted).
    /// - Throws: ``CalibrationError`` `.invalidInput` when the row does not have K finite values.
    public func probabilities(logits row: [Double]) throws -> [Double] {
        guard row.count == classCount else {
            throw CalibrationError(.invalidInput, "row has \(row.count) logits, calibrator has \(classCount) classes", field: "logits")
        }
        for (j, v) in row.enumerated() where !v.isFinite {
            throw CalibrationError(.invalidInput, "logit \(j) is \(v)", field: "logits")
        }
        let scaled = row.map { $0 / temperature }
        let m = scaled.max() ?? 0
        let e = scaled.map { _Math.exp($0 - m) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    /// Calibrated probabilities of an n × K matrix of logits.
    /// - Throws: ``CalibrationError`` `.invalidInput` for a column count other than K or a
    ///   non-finite logit.
    public func probabilities(logits: Matrix<Double>) throws -> Matrix<Double> {
        try _ClassRows.map(logits, classCount: classCount, field: "logits") { try probabilities(logits: $0) }
    }

    /// Calibrated probabilities of an n × K matrix of probabilities (logits = log(p + ε)).
    /// - Throws: ``CalibrationError`` `.invalidInput` for a column count other than K or a value
    ///   outside [0, 1].
    public func probabilities(probabilities: Matrix<Double>) throws -> Matrix<Double> {
        for (i, v) in probabilities.elements.enumerated() where !(v >= 0 && v <= 1) {
            throw CalibrationError(.invalidInput, "row \(i / Swift.max(1, probabilities.columns)) holds \(v), outside [0, 1]", field: "probabilities")
        }
        let logits = try Matrix(
            rows: probabilities.rows, columns: probabilities.columns,
            elements: probabilities.elements.map { _Math.log($0 + Double.ulpOfOne) })
        return try self.probabilities(logits: logits)
    }

    /// Re-runs the load-time checks: hash, finite T > 0, K ≥ 2.
    public func verify() throws {
        try _HashCheck.verify(stored: contentHash, computed: Self.hash(temperature, classCount), kind: "temperature")
        guard temperature.isFinite, temperature > 0 else {
            throw CalibrationError(.verificationFailed, "temperature \(temperature) must be finite and > 0", field: "temperature")
        }
        guard classCount >= 2 else {
            throw CalibrationError(.verificationFailed, "classCount \(classCount) must be ≥ 2", field: "classCount")
        }
    }

    static func hash(_ t: Double, _ k: Int) -> String {
        _CanonicalEncoding.contentHash(kind: "temperature") { $0.append(t); $0.append(k) }
    }

    enum CodingKeys: String, CodingKey {
        case kind, temperature, classCount = "class_count", contentHash = "content_hash"
    }

    /// Decodes and verifies (``CalibrationError`` `.hashMismatch` / `.verificationFailed`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        temperature = try c.decode(Double.self, forKey: .temperature)
        classCount = try c.decode(Int.self, forKey: .classCount)
        contentHash = try c.decode(String.self, forKey: .contentHash)
        try verify()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("temperature", forKey: .kind)
        try c.encode(temperature, forKey: .temperature)
        try c.encode(classCount, forKey: .classCount)
        try c.encode(contentHash, forKey: .contentHash)
    }
}
