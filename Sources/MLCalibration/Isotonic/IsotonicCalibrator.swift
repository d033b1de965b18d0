/// A fitted isotonic calibrator: a monotone, piecewise-linear map through its knots.
///
/// Made by ``IsotonicCalibration/fit(scores:labels:weights:)`` or from stored knots (e.g.
/// scikit-learn's `X_thresholds_`/`y_thresholds_`) with ``init(thresholdsX:thresholdsY:increasing:outOfBounds:)``.
/// Immutable and `Codable`; decoding recomputes the content hash and re-verifies the knots.
public struct IsotonicCalibrator: ScoreCalibrator, Codable, Equatable {
    /// Knot scores, strictly increasing (scikit-learn `X_thresholds_`).
    public let thresholdsX: [Double]
    /// Knot probabilities, weakly monotone in the fitted direction, in [0, 1] (`y_thresholds_`).
    public let thresholdsY: [Double]
    /// Whether the map is non-decreasing (true) or non-increasing.
    public let increasing: Bool
    /// Behaviour outside [``xMin``, ``xMax``].
    public let outOfBounds: IsotonicCalibration.OutOfBounds
    /// SHA-256 of the canonical encoding of the parameters above.
    public let contentHash: String

    /// The smallest training score (first knot).
    public var xMin: Double { thresholdsX.first ?? 0 }
    /// The largest training score (last knot).
    public var xMax: Double { thresholdsX.last ?? 0 }

    /// Creates a calibrator from knots, verifying them.
    /// - Throws: ``CalibrationError`` `.verificationFailed` when there are no knots, the arrays
    ///   differ in length, a value is not finite, x is not strictly increasing, y is not weakly
    ///   monotone in the `increasing` direction, or y leaves [0, 1].
    public init(
        thresholdsX: [Double], thresholdsY: [Double], increasing: Bool = true,
        outOfBounds: IsotonicCalibration.OutOfBounds = .clip
    ) throws {
        self.thresholdsX = thresholdsX
        self.thresholdsY = thresholdsY
        self.increasing = increasing
        self.outOfBounds = outOfBounds
        self.contentHash = Self.hash(thresholdsX, thresholdsY, increasing, outOfBounds)
        try verify()
    }

    /// The calibrated probability of `score`.
    ///
    /// Out of range: clipped to [``xMin``, ``xMax``] (``IsotonicCalibration/OutOfBounds/clip``)
    /// or NaN (``IsotonicCalibration/OutOfBounds/nan``). In range: linear interpolation as
    /// SciPy's `interp1d(kind="linear")` that scikit-learn uses — the knot interval is found by a
    /// left binary search (`searchsorted`) clamped to [1, knots − 1], and the value is
    /// `slope·(score − x_lo) + y_lo`. With one knot the output is that knot's value. NaN in, NaN out.
    public func calibrated(_ score: Double) -> Double {
        if score.isNaN { return .nan }
        let n = thresholdsX.count
        guard n > 1 else { return thresholdsY.first ?? .nan }
        var t = score
        if t < thresholdsX[0] || t > thresholdsX[n - 1] {
            if outOfBounds == .nan { return .nan }
            t = Swift.min(Swift.max(t, thresholdsX[0]), thresholdsX[n - 1])
        }
        var low = 0
        var high = n
        while low < high {
            let mid = low + (high - low) / 2
            if thresholdsX[mid] < t { low = mid + 1 } else { high = mid }
        }
        let hi = Swift.min(Swift.max(low, 1), n - 1)
        let lo = hi - 1
        let slope = (thresholdsY[hi] - thresholdsY[lo]) / (thresholdsX[hi] - thresholdsX[lo])
        return slope * (t - thresholdsX[lo]) + thresholdsY[lo]
    }

    /// Calibrated probabilities for many scores; the same values as ``calibrated(_:)-(Double)``
    /// element by element, with a branch-free binary search over the knots (the knots are
    /// verified to be strictly increasing, so every probe stays inside the knot arrays).
    public func calibrated(_ scores: [Double]) -> [Double] {
        let n = thresholdsX.count
        guard n > 1 else { return scores.map { calibrated($0) } }
        let xMin = thresholdsX[0]
        let xMax = thresholdsX[n - 1]
        let clip = outOfBounds == .clip
        return thresholdsX.withUnsafeBufferPointer { xs in
            thresholdsY.withUnsafeBufferPointer { ys in
                scores.map { score -> Double in
                    if score.isNaN { return .nan }
                    var t = score
                    if t < xMin || t > xMax {
                        if !clip { return .nan }
                        t = Swift.min(Swift.max(t, xMin), xMax)
                    }
                    // Lower bound: first knot ≥ t, found without data-dependent branches.
                    var base = 0
                    var length = n
                    while length > 1 {
                        let half = length / 2
                        base = xs[base + half - 1] < t ? base + half : base
                        length -= half
                    }
                    let lower = base + (xs[base] < t ? 1 : 0)
                    let hi = Swift.min(Swift.max(lower, 1), n - 1)
                    let lo = hi - 1
                    let slope = (ys[hi] - ys[lo]) / (xs[hi] - xs[lo])
                    return slope * (t - xs[lo]) + ys[lo]
                }
            }
        }
    }

    /// Re-runs the load-time checks (see ``init(thresholdsX:thresholdsY:increasing:outOfBounds:)``)
    /// and the hash check.
    public func verify() throws {
        func fail(_ message: String, _ field: String) -> CalibrationError {
            CalibrationError(.verificationFailed, "isotonic calibrator: " + message, field: field)
        }
        try _HashCheck.verify(
            stored: contentHash, computed: Self.hash(thresholdsX, thresholdsY, increasing, outOfBounds), kind: "isotonic")
        guard !thresholdsX.isEmpty else { throw fail("no knots", "thresholdsX") }
        guard thresholdsX.count == thresholdsY.count else {
            throw fail("\(thresholdsX.count) knot scores but \(thresholdsY.count) knot values", "thresholdsY")
        }
        for i in thresholdsX.indices {
            guard thresholdsX[i].isFinite else { throw fail("knot score \(i) is \(thresholdsX[i])", "thresholdsX") }
            guard thresholdsY[i].isFinite, thresholdsY[i] >= 0, thresholdsY[i] <= 1 else {
                throw fail("knot value \(i) is \(thresholdsY[i]), outside [0, 1]", "thresholdsY")
            }
            if i > 0 {
                guard thresholdsX[i] > thresholdsX[i - 1] else {
                    throw fail("knot scores not strictly increasing at \(i): \(thresholdsX[i]) after \(thresholdsX[i - 1])", "thresholdsX")
                }
                let monotone = increasing ? thresholdsY[i] >= thresholdsY[i - 1] : thresholdsY[i] <= thresholdsY[i - 1]
                guard monotone else {
                    throw fail(
                        "knot values not \(increasing ? "non-decreasing" : "non-increasing") at \(i): \(thresholdsY[i]) after \(thresholdsY[i - 1])",
                        "thresholdsY")
                }
            }
        }
    }

    static func hash(
        _ x: [Double], _ y: [Double], _ increasing: Bool, _ outOfBounds: IsotonicCalibration.OutOfBounds
    ) -> String {
        _CanonicalEncoding.contentHash(kind: "isotonic") { encoding in
            encoding.append(x)
            encoding.append(y)
            encoding.append(increasing)
            encoding.append(outOfBounds.rawValue)
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, thresholdsX = "thresholds_x", thresholdsY = "thresholds_y", increasing
        case outOfBounds = "out_of_bounds", contentHash = "content_hash"
    }

    /// Decodes and verifies: throws ``CalibrationError`` `.hashMismatch` when the stored hash does
    /// not match the parameters, `.verificationFailed` when a check fails.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        thresholdsX = try c.decode([Double].self, forKey: .thresholdsX)
        thresholdsY = try c.decode([Double].self, forKey: .thresholdsY)
        increasing = try c.decode(Bool.self, forKey: .increasing)
        outOfBounds = try c.decode(IsotonicCalibration.OutOfBounds.self, forKey: .outOfBounds)
        contentHash = try c.decode(String.self, forKey: .contentHash)
        try verify()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("isotonic", forKey: .kind)
        try c.encode(thresholdsX, forKey: .thresholdsX)
        try c.encode(thresholdsY, forKey: .thresholdsY)
        try c.encode(increasing, forKey: .increasing)
        try c.encode(outOfBounds, forKey: .outOfBounds)
        try c.encode(contentHash, forKey: .contentHash)
    }
}
