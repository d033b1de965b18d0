import MLCore

/// Sigmoid (Platt) calibration as scikit-learn's `_SigmoidCalibration` (what
/// `CalibratedClassifierCV(method="sigmoid")` fits); ``fit(scores:labels:weights:)`` returns an
/// immutable ``SigmoidCalibrator``.
///
/// Model: p = 1/(1 + exp(a·f + b)) on the raw score f (not its logit); `a` is negative for an
/// increasing map. Fit: minimise the cross-entropy against Platt's smoothed targets
/// t₊ = (N₊ + 1)/(N₊ + 2) for label 1 and t₋ = 1/(N₋ + 2) for label 0 (N = weighted counts),
/// starting at (0, ln((N₋ + 1)/(N₊ + 1))). Where scikit-learn stops L-BFGS-B at gtol 1e-6, this
/// runs Newton's method with line search to the exact optimum (see the fixtures'
/// `sigmoid_newton_a/b`; the two differ by ~1e-9 in predictions). As in scikit-learn, scores
/// are divided by max|f| during the solve when max|f| ≥ 30 (for conditioning; the optimum is
/// the same) and `a` is scaled back.
///
/// ```swift
/// let platt = try SigmoidCalibration().fit(scores: margins, labels: labels)
/// ```
public struct SigmoidCalibration: Sendable, Codable, Equatable {
    /// Creates the configuration (Platt's method has no hyperparameters).
    public init() {}

    /// Fits `a` and `b` on held-out scores and 0/1 labels.
    ///
    /// - Parameters:
    ///   - scores: the classifier's raw scores (finite).
    ///   - labels: 0/1 labels.
    ///   - weights: optional non-negative sample weights (default all 1).
    /// - Returns: the fitted calibrator, verified.
    /// - Throws: ``CalibrationError`` `.invalidInput` (empty, mismatched lengths, NaN/∞ scores,
    ///   labels not 0/1, bad or all-zero weights) and `.fitFailed` when the optimum has a ≥ 0 (constant
    ///   scores, or scores that rank positives below negatives: the map would not be increasing).
    public func fit(scores: [Double], labels: [Int], weights: [Double]? = nil) throws -> SigmoidCalibrator {
        let y = try _Inputs.binary(scores: scores, labels: labels, weights: weights)
        var prior0 = 0.0
        var prior1 = 0.0
        for i in y.indices {
            if y[i] == 1 { prior1 += weights?[i] ?? 1 } else { prior0 += weights?[i] ?? 1 }
        }
        guard prior0 + prior1 > 0 else {
            throw CalibrationError(.invalidInput, "every weight is zero: nothing to fit", field: "weights")
        }
        let positiveTarget = (prior1 + 1) / (prior1 + 2)
        let negativeTarget = 1 / (prior0 + 2)
        let targets = y.map { $0 == 1 ? positiveTarget : negativeTarget }
        let maxAbs = scores.reduce(0.0) { Swift.max($0, abs($1)) }
        let scale = maxAbs >= 30 ? maxAbs : 1
        let f = scale == 1 ? scores : scores.map { $0 / scale }
        let (a, b) = _PlattNewton.minimize(
            f: f, t: targets, w: weights, a0: 0, b0: _Math.log((prior0 + 1) / (prior1 + 1)))
        let slope = a / scale
        guard slope < 0, slope.isFinite, b.isFinite else {
            throw CalibrationError(
                .fitFailed,
                "Platt slope a = \(slope) is not negative: the scores do not rank label-1 rows above label-0 rows (or are constant), so the calibrated map would not be increasing",
                field: "scores")
        }
        return try SigmoidCalibrator(a: slope, b: b)
    }
}

/// A fitted Platt calibrator p = 1/(1 + exp(a·score + b)), with a < 0 (strictly increasing).
///
/// Immutable and `Codable`; decoding recomputes the content hash and re-verifies.
public struct SigmoidCalibrator: ScoreCalibrator, Codable, Equatable {
    /// Slope (scikit-learn `a_`), negative.
    public let a: Double
    /// Intercept (scikit-learn `b_`).
    public let b: Double
    /// SHA-256 of the canonical encoding of `a` and `b`.
    public let contentHash: String

    /// Creates a calibrator from its parameters (e.g. scikit-learn's fitted `a_`, `b_`).
    /// - Throws: ``CalibrationError`` `.verificationFailed` when a or b is not finite or a ≥ 0.
    public init(a: Double, b: Double) throws {
        self.a = a
        self.b = b
        contentHash = Self.hash(a, b)
        try verify()
    }

    /// 1/(1 + exp(a·score + b)), computed without overflow (scikit-learn's `expit(-(a·f + b))`);
    /// in [0, 1]; NaN in, NaN out.
    public func calibrated(_ score: Double) -> Double {
        _PlattNewton.probability(a * score + b)
    }

    /// Re-runs the load-time checks: hash, finite parameters, a < 0.
    public func verify() throws {
        try _HashCheck.verify(stored: contentHash, computed: Self.hash(a, b), kind: "sigmoid")
        guard a.isFinite, b.isFinite else {
            throw CalibrationError(.verificationFailed, "sigmoid calibrator: a = \(a), b = \(b) must be finite", field: "a")
        }
        guard a < 0 else {
            throw CalibrationError(
                .verificationFailed, "sigmoid calibrator: a = \(a) must be negative for an increasing map", field: "a")
        }
    }

    static func hash(_ a: Double, _ b: Double) -> String {
        _CanonicalEncoding.contentHash(kind: "sigmoid") { $0.append(a); $0.append(b) }
    }

    enum CodingKeys: String, CodingKey { case kind, a, b, contentHash = "content_hash" }

    /// Decodes and verifies (``CalibrationError`` `.hashMismatch` / `.verificationFailed`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        a = try c.decode(Double.self, forKey: .a)
        b = try c.decode(Double.self, forKey: .b)
        contentHash = try c.decode(String.self, forKey: .contentHash)
        try verify()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("sigmoid", forKey: .kind)
        try c.encode(a, forKey: .a)
        try c.encode(b, forKey: .b)
        try c.encode(contentHash, forKey: .contentHash)
    }
}
