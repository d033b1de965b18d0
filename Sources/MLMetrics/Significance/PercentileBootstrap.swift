import MLCore

/// A percentile-bootstrap confidence interval: the estimate on the full data and the bounds.
public struct ConfidenceInterval: Sendable, Codable, Equatable {
    /// The metric on the full data.
    public let estimate: Double
    /// Lower bound: the (1 − level)/2 quantile of the replicate values.
    public let lower: Double
    /// Upper bound: the (1 + level)/2 quantile of the replicate values.
    public let upper: Double
    /// The confidence level, e.g. 0.95.
    public let level: Double
    /// Replicates whose metric could be computed (the others threw, e.g. a resample with one class).
    public let validReplicates: Int
    /// Replicates skipped because the metric threw.
    public let skippedReplicates: Int
}

/// Seeded percentile bootstrap for any metric (configuration; ``confidenceInterval(count:metric:)``
/// runs it).
///
/// Each replicate draws `count` row indices uniformly with replacement and evaluates the metric
/// on them; the interval is the (1 − level)/2 and (1 + level)/2 quantiles of the replicate values
/// with linear interpolation between order statistics (NumPy's default `percentile` method).
/// Random indices come from xoshiro256** seeded by SplitMix64 from ``seed`` and are drawn
/// replicate by replicate, row by row, so the same seed, data and metric give a bit-identical
/// interval on every machine. Replicates where the metric throws (say a ROC-AUC resample with one
/// class) are skipped and counted.
///
/// ```swift
/// let ci = try PercentileBootstrap(replicates: 2000, seed: 42).confidenceInterval(
///     scores: scores, labels: labels) { try BinaryMetrics.rocAUC(scores: $0, labels: $1) }
/// ```
public struct PercentileBootstrap: Sendable, Codable, Equatable {
    /// Number of resamples (≥ 1; default 1,000).
    public var replicates: Int
    /// Confidence level in (0, 1) (default 0.95).
    public var level: Double
    /// Seed of the resampling generator.
    public var seed: UInt64

    /// Creates a configuration.
    public init(replicates: Int = 1000, level: Double = 0.95, seed: UInt64 = 0) {
        self.replicates = replicates
        self.level = level
        self.seed = seed
    }

    /// The interval of a metric over `count` rows; the metric receives the resampled row indices
    /// (the full data is `Array(0..<count)`).
    /// - Throws: ``MetricError`` `.invalidArgument` for `replicates` < 1, `level` outside (0, 1)
    ///   or `count` < 1; `.undefinedMetric` when the metric throws on every replicate; whatever
    ///   the metric throws on the full data.
    public func confidenceInterval(count: Int, metric: ([Int]) throws -> Double) throws -> ConfidenceInterval {
        guard replicates >= 1 else {
            throw MetricError(.invalidArgument, "replicates must be ≥ 1, got \(replicates)", argument: "replicates")
        }
        guard level > 0, level < 1 else {
            throw MetricError(.invalidArgument, "level must be in (0, 1), got \(level)", argument: "level")
        }
        guard count >= 1 else { throw MetricError(.emptyInput, "no rows to resample", argument: "count") }
        let estimate = try metric(Array(0..<count))
        var random = SeededRandom(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(Swift.min(replicates, 1 << 20))
        var indices = [Int](repeating: 0, count: count)
        var skipped = 0
        for _ in 0..<replicates {
            for i in 0..<count { indices[i] = Int(random.nextUInt64(below: UInt64(count))) }
            if let v = try? metric(indices), !v.isNaN {
                values.append(v)
            } else {
                skipped += 1
            }
        }
        guard !values.isEmpty else {
            throw MetricError(
                .undefinedMetric, "the metric failed on all \(replicates) bootstrap replicates", argument: "metric")
        }
        values.sort()
        let alpha = (1 - level) / 2
        return ConfidenceInterval(
            estimate: estimate, lower: Self.quantile(values, alpha), upper: Self.quantile(values, 1 - alpha),
            level: level, validReplicates: values.count, skippedReplicates: skipped)
    }

    /// The interval of a binary metric: the metric receives the resampled scores and labels.
    /// - Throws: ``MetricError`` `.lengthMismatch` when the arrays differ, and as
    ///   ``confidenceInterval(count:metric:)``.
    public func confidenceInterval(
        scores: [Double], labels: [Int], metric: (_ scores: [Double], _ labels: [Int]) throws -> Double
    ) throws -> ConfidenceInterval {
        try _Validation.sameLength(scores.count, "scores", labels.count, "labels")
        return try confidenceInterval(count: scores.count) { rows in
            try metric(rows.map { scores[$0] }, rows.map { labels[$0] })
        }
    }

    /// Linear-interpolation quantile of sorted values (NumPy `method="linear"`).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
