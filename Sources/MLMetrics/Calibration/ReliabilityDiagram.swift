import MLCore

/// Binned calibration data: for equal-width bins of predicted probability, how many rows fall in
/// each bin, their mean prediction and the observed frequency of the positive class.
///
/// Bin assignment: bin = min(⌊p · binCount⌋, binCount − 1), computed in `Double`, so p = 1 falls
/// in the last bin and the bins are `[b/B, (b+1)/B)` except the last, which is closed. This is the
/// fixtures' (and the common scikit-learn-style) definition; `calibration_curve` in scikit-learn
/// uses the same uniform bins but drops empty ones.
///
/// ```swift
/// let diagram = try ReliabilityDiagram(probabilities: p, labels: y)        // 10 bins
/// let ece = diagram.expectedCalibrationError
/// ```
public struct ReliabilityDiagram: Sendable, Equatable, Codable {
    /// One bin of the diagram.
    public struct Bin: Sendable, Equatable, Codable {
        /// 0-based bin index.
        public let index: Int
        /// Lower edge index/B.
        public let lowerBound: Double
        /// Upper edge (index+1)/B.
        public let upperBound: Double
        /// Rows whose probability falls in the bin.
        public let count: Int
        /// Mean predicted probability of those rows; nil for an empty bin.
        public let meanPredicted: Double?
        /// Fraction of those rows labelled 1; nil for an empty bin.
        public let observedFrequency: Double?
    }

    /// The bins, in increasing order of probability, empty ones included.
    public let bins: [Bin]
    /// Total number of rows.
    public let count: Int

    /// Bins `probabilities` of class 1 against 0/1 `labels`.
    /// - Parameters:
    ///   - probabilities: predicted probabilities of class 1, each in `[0, 1]`.
    ///   - labels: 0/1 labels.
    ///   - binCount: number of equal-width bins on [0, 1] (default 10, ≥ 1).
    /// - Throws: ``MetricError`` `.emptyInput`, `.lengthMismatch`, `.invalidLabel`,
    ///   `.nonFiniteValue`, `.outOfRange` (probability outside [0, 1]), `.invalidArgument`
    ///   (`binCount` outside 1...1,000,000).
    public init(probabilities: [Double], labels: [Int], binCount: Int = 10) throws {
        try _Validation.sameLength(probabilities.count, "probabilities", labels.count, "labels")
        try self.init(validated: probabilities, labels: _Validation.binaryLabels(labels), binCount: binCount)
    }

    /// As the `[Int]` initializer, `true` meaning class 1.
    public init(probabilities: [Double], labels: [Bool], binCount: Int = 10) throws {
        try _Validation.sameLength(probabilities.count, "probabilities", labels.count, "labels")
        try self.init(validated: probabilities, labels: _Validation.binaryLabels(labels), binCount: binCount)
    }

    init(validated probabilities: [Double], labels: [UInt8], binCount: Int) throws {
        guard binCount >= 1, binCount <= 1_000_000 else {
            throw MetricError(.invalidArgument, "binCount must be in 1...1000000, got \(binCount)", argument: "binCount")
        }
        try _Validation.nonEmpty(probabilities.count, "probabilities")
        try _Validation.probabilities(probabilities, "probabilities")
        var counts = [Int](repeating: 0, count: binCount)
        var predictedSums = [Double](repeating: 0, count: binCount)
        var positives = [Int](repeating: 0, count: binCount)
        let width = Double(binCount)
        for (i, p) in probabilities.enumerated() {
            let b = Swift.min(Int((p * width).rounded(.down)), binCount - 1)
            counts[b] += 1
            predictedSums[b] += p
            positives[b] += Int(labels[i])
        }
        bins = (0..<binCount).map { b in
            let n = counts[b]
            return Bin(
                index: b, lowerBound: Double(b) / width, upperBound: Double(b + 1) / width, count: n,
                meanPredicted: n == 0 ? nil : predictedSums[b] / Double(n),
                observedFrequency: n == 0 ? nil : Double(positives[b]) / Double(n))
        }
        count = probabilities.count
    }

    /// Expected calibration error: Σ_b (n_b / n) · |observed_b − meanPredicted_b| over non-empty
    /// bins (count-weighted; empty bins skipped). In [0, 1], 0 for perfect calibration.
    public var expectedCalibrationError: Double {
        var sum = 0.0
        for bin in bins {
            guard let observed = bin.observedFrequency, let predicted = bin.meanPredicted else { continue }
            sum += Double(bin.count) / Double(count) * abs(observed - predicted)
        }
        return sum
    }

    /// Maximum calibration error: max_b |observed_b − meanPredicted_b| over non-empty bins.
    public var maximumCalibrationError: Double {
        var worst = 0.0
        for bin in bins {
            guard let observed = bin.observedFrequency, let predicted = bin.meanPredicted else { continue }
            worst = Swift.max(worst, abs(observed - predicted))
        }
        return worst
    }
}

/// Calibration metrics of binary probabilities (see ``ReliabilityDiagram`` for the binning).
public enum CalibrationMetrics {
    /// Expected calibration error with `binCount` equal-width bins (default 10), count-weighted,
    /// empty bins skipped.
    /// - Throws: as ``ReliabilityDiagram/init(probabilities:labels:binCount:)-([Double],[Int],_)``.
    public static func expectedCalibrationError(probabilities: [Double], labels: [Int], binCount: Int = 10) throws
        -> Double
    {
        try ReliabilityDiagram(probabilities: probabilities, labels: labels, binCount: binCount)
            .expectedCalibrationError
    }

    /// Maximum calibration error over non-empty bins.
    /// - Throws: as ``ReliabilityDiagram/init(probabilities:labels:binCount:)-([Double],[Int],_)``.
    public static func maximumCalibrationError(probabilities: [Double], labels: [Int], binCount: Int = 10) throws
        -> Double
    {
        try ReliabilityDiagram(probabilities: probabilities, labels: labels, binCount: binCount)
            .maximumCalibrationError
    }
}

extension ReliabilityDiagram {
    /// The top-label (confidence) reliability diagram of multiclass probabilities: each row
    /// contributes its largest probability (the confidence of the arg-max class, first index
    /// winning ties) and whether that class is the label. Its ECE is the usual multiclass ECE of
    /// Guo et al. (2017).
    /// - Throws: ``MetricError`` for empty or mismatched input, labels outside `0..<K`, fewer than
    ///   2 columns, NaN or out-of-[0, 1] values, `binCount` outside 1...1,000,000.
    public init(topLabelOf probabilities: Matrix<Double>, labels: [Int], binCount: Int = 10) throws {
        let rows = try _ProbabilityRows(probabilities, labels: labels, requireProbabilities: true)
        let predicted = rows.argmax()
        let confidence = (0..<rows.rows).map { rows.values[$0 * rows.classCount + predicted[$0]] }
        let correct = (0..<rows.rows).map { UInt8(predicted[$0] == labels[$0] ? 1 : 0) }
        try self.init(validated: confidence, labels: correct, binCount: binCount)
    }
}
