import MLMetrics

/// Isotonic calibration: hyperparameters of scikit-learn's `IsotonicRegression` as used by
/// `CalibratedClassifierCV(method="isotonic")`; ``fit(scores:labels:weights:)`` returns an
/// immutable ``IsotonicCalibrator``.
///
/// The fit is scikit-learn's exactly:
/// 1. rows with zero weight are dropped; rows are sorted by (score, label) (`np.lexsort`);
/// 2. tied scores are merged into one point — the weighted mean label and the summed weight.
///    As in scikit-learn's `_make_unique`, a score joins the current group when it exceeds the
///    group's first score by less than 1e-15 (`np.finfo(float64).resolution`);
/// 3. pool-adjacent-violators (weighted least squares, non-decreasing — or non-increasing when
///    `increasing` is false), then clipping to [`yMin`, `yMax`] when set;
/// 4. interior points whose value equals both neighbours' are dropped (they do not change the
///    interpolation); the remaining (x, y) are the knots (`X_thresholds_`, `y_thresholds_`).
///
/// Prediction interpolates linearly between knots (see ``IsotonicCalibrator/calibrated(_:)``).
///
/// Isotonic regression over-fits small samples, so a fit with fewer than
/// ``minimumSamplesPerClass`` rows of either label is refused unless ``allowSmallSample``.
///
/// ```swift
/// let calibrator = try IsotonicCalibration().fit(scores: heldOutScores, labels: heldOutLabels)
/// let p = calibrator.calibrated(0.83)
/// ```
public struct IsotonicCalibration: Sendable, Codable, Equatable {
    /// What prediction does with a score outside the training range [X_min, X_max].
    public enum OutOfBounds: String, Sendable, Codable, Equatable {
        /// Clamp the score to the range first (scikit-learn `out_of_bounds="clip"`), so the output
        /// is the first or last knot's value.
        case clip
        /// Return NaN (scikit-learn `out_of_bounds="nan"`).
        case nan
    }

    /// Fit a non-decreasing map (default) or a non-increasing one.
    public var increasing: Bool
    /// Out-of-range behaviour at prediction (default ``OutOfBounds/clip``).
    public var outOfBounds: OutOfBounds
    /// Lower bound applied to the fitted values (scikit-learn `y_min`); nil for none.
    public var yMin: Double?
    /// Upper bound applied to the fitted values (scikit-learn `y_max`); nil for none.
    public var yMax: Double?
    /// The smallest number of rows of each label (0 and 1) for a fit (default 1,000).
    public var minimumSamplesPerClass: Int
    /// Fit even below ``minimumSamplesPerClass`` (the CLI's `--allow-small-sample`).
    public var allowSmallSample: Bool

    /// Creates a configuration; the defaults are scikit-learn's calibration settings.
    public init(
        increasing: Bool = true, outOfBounds: OutOfBounds = .clip, yMin: Double? = nil, yMax: Double? = nil,
        minimumSamplesPerClass: Int = 1000, allowSmallSample: Bool = false
    ) {
        self.increasing = increasing
        self.outOfBounds = outOfBounds
        self.yMin = yMin
        self.yMax = yMax
        self.minimumSamplesPerClass = minimumSamplesPerClass
        self.allowSmallSample = allowSmallSample
    }

    /// Fits the calibrator on held-out scores and their 0/1 labels.
    ///
    /// - Parameters:
    ///   - scores: the classifier's scores (any finite values; probabilities or margins).
    ///   - labels: 0/1 labels.
    ///   - weights: optional non-negative sample weights (default: all 1); zero-weight rows are ignored.
    /// - Returns: the fitted calibrator, already verified.
    /// - Throws: ``CalibrationError`` `.invalidInput` (empty, mismatched lengths, NaN/∞ scores,
    ///   labels not 0/1, bad weights, all weights zero), `.invalidConfiguration` (`yMin > yMax`,
    ///   non-finite bounds), `.smallSample` (fewer than ``minimumSamplesPerClass`` rows labelled 0
    ///   or 1 without ``allowSmallSample``).
    public func fit(scores: [Double], labels: [Int], weights: [Double]? = nil) throws -> IsotonicCalibrator {
        try validateConfiguration()
        let y = try _Inputs.binary(scores: scores, labels: labels, weights: weights)
        let positives = y.indices.reduce(0) { $0 + ((weights?[$1] ?? 1) > 0 ? Int(y[$1]) : 0) }
        let kept = weights?.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } ?? y.count
        let negatives = kept - positives
        guard kept > 0 else {
            throw CalibrationError(.invalidInput, "every weight is zero: nothing to fit", field: "weights")
        }
        if !allowSmallSample && (negatives < minimumSamplesPerClass || positives < minimumSamplesPerClass) {
            throw CalibrationError(
                .smallSample,
                "isotonic calibration needs at least \(minimumSamplesPerClass) samples per class, got \(negatives) labelled 0 and \(positives) labelled 1 (set allowSmallSample to override)",
                field: "labels")
        }
        let (x, values, w) = Self.mergedTies(scores: scores, labels: y, weights: weights)
        var fitted = increasing
            ? _PoolAdjacentViolators.increasing(values, weights: w)
            : _PoolAdjacentViolators.decreasing(values, weights: w)
        if yMin != nil || yMax != nil {
            let low = yMin ?? -.infinity
            let high = yMax ?? .infinity
            fitted = fitted.map { Swift.min(Swift.max($0, low), high) }
        }
        var knotsX: [Double] = []
        var knotsY: [Double] = []
        for i in x.indices {
            let interior = i > 0 && i < x.count - 1
            if interior && fitted[i] == fitted[i - 1] && fitted[i] == fitted[i + 1] { continue }
            knotsX.append(x[i])
            knotsY.append(fitted[i])
        }
        return try IsotonicCalibrator(
            thresholdsX: knotsX, thresholdsY: knotsY, increasing: increasing, outOfBounds: outOfBounds)
    }

    func validateConfiguration() throws {
        for (name, bound) in [("yMin", yMin), ("yMax", yMax)] {
            if let bound, !bound.isFinite {
                throw CalibrationError(.invalidConfiguration, "\(name) is \(bound); bounds must be finite", field: name)
            }
        }
        if let yMin, let yMax, yMin > yMax {
            throw CalibrationError(.invalidConfiguration, "yMin \(yMin) is greater than yMax \(yMax)", field: "yMin")
        }
        guard minimumSamplesPerClass >= 0 else {
            throw CalibrationError(
                .invalidConfiguration, "minimumSamplesPerClass is \(minimumSamplesPerClass)", field: "minimumSamplesPerClass")
        }
    }

    /// Sorts by (score, label), drops zero weights and merges tied scores as scikit-learn's
    /// `_make_unique` (group while `x − group's first x < 1e-15`; mean label, summed weight).
    static func mergedTies(scores: [Double], labels: [UInt8], weights: [Double]?)
        -> (x: [Double], y: [Double], weights: [Double])
    {
        if scores.count >= Int(UInt32.max) {
            // Beyond 32-bit row numbers: sort row indices instead (stable by construction).
            let wide = (0..<labels.count).filter { (weights?[$0] ?? 1) > 0 }.sorted {
                labels[$0] != labels[$1] ? labels[$0] < labels[$1] : $0 < $1
            }
            let order = _RadixSort.sortedIndices(of: wide.map { _OrderedKey.key(scores[$0]) })
            return group(order.map { _OrderedKey.key(scores[wide[$0]]) }, rows: order.map { wide[$0] }, labels: labels, weights: weights)
        }
        // Label-0 rows before label-1 rows, then a stable radix sort by score carrying the row
        // index: the order of np.lexsort((y, X)). The sorted keys give the scores back without a
        // random gather; only the (small) label and weight arrays are read by index.
        var keys: [UInt64] = []
        var rows: [UInt32] = []
        keys.reserveCapacity(scores.count)
        rows.reserveCapacity(scores.count)
        for pass in [UInt8(0), 1] {
            for i in labels.indices where labels[i] == pass {
                if let weights, !(weights[i] > 0) { continue }
                keys.append(_OrderedKey.key(scores[i]))
                rows.append(UInt32(truncatingIfNeeded: i))
            }
        }
        _RadixSort.sort(&keys, carrying: &rows)
        return group(keys, rows: rows.map { Int($0) }, labels: labels, weights: weights)
    }

    /// Merges sorted scores closer than 1e-15 to their group's first score (`_make_unique`).
    static func group(_ keys: [UInt64], rows: [Int], labels: [UInt8], weights: [Double]?)
        -> (x: [Double], y: [Double], weights: [Double])
    {
        let resolution = 1e-15
        var x: [Double] = []
        var y: [Double] = []
        var w: [Double] = []
        x.reserveCapacity(keys.count)
        y.reserveCapacity(keys.count)
        w.reserveCapacity(keys.count)
        guard let firstKey = keys.first else { return (x, y, w) }
        var currentX = _OrderedKey.value(firstKey)
        var currentY = 0.0
        var currentW = 0.0
        for j in keys.indices {
            let i = rows[j]
            let xi = _OrderedKey.value(keys[j])
            let wi = weights?[i] ?? 1
            let yi = Double(labels[i])
            if xi - currentX >= resolution {
                x.append(currentX)
                y.append(currentY / currentW)
                w.append(currentW)
                currentX = xi
                currentW = wi
                currentY = yi * wi
            } else {
                currentW += wi
                currentY += yi * wi
            }
        }
        x.append(currentX)
        y.append(currentY / currentW)
        w.append(currentW)
        return (x, y, w)
    }
}
