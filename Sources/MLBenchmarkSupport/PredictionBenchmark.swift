import MLCore
import MLModels

/// In-process throughput and latency of a model, for `mlctl bench predict`.
///
/// Batch: the whole matrix in one `predict` call, repeated; rows/s from the median time.
/// Single row: a prepared ``SingleRowScorer`` called once per row (cycling over the rows),
/// each call timed with the monotonic clock; p50/p99 over all timed calls after a warm-up.
public struct PredictionBenchmark: Sendable, Codable, Equatable {
    /// Rows in the matrix.
    public var rows: Int
    /// Worker threads of the batch calls.
    public var threads: Int
    /// Median wall time of one batch call, in seconds.
    public var batchSecondsMedian: Double
    /// Fastest batch call, in seconds.
    public var batchSecondsMin: Double
    /// `rows / batchSecondsMedian`.
    public var batchRowsPerSecond: Double
    /// Timed single-row calls.
    public var singleRowCalls: Int
    /// Median single-row latency, in microseconds.
    public var singleRowP50Microseconds: Double
    /// 99th-percentile single-row latency, in microseconds.
    public var singleRowP99Microseconds: Double
    /// Sum of the batch outputs (a checksum to compare runs).
    public var checksum: Double

    /// Runs the benchmark.
    /// - Parameters:
    ///   - repeats: batch calls to time (≥ 1).
    ///   - singleRowCalls: timed single-row calls (0 skips the latency series).
    /// - Throws: ``ScoringError`` when the matrix does not fit the model.
    public static func run(
        model: some PredictiveModel, features: Matrix<Float>, options: PredictionOptions = .default,
        repeats: Int = 3, singleRowCalls: Int = 100_000
    ) throws -> PredictionBenchmark {
        let width = try model.outputWidth(for: options)
        var output = [Double](repeating: 0, count: features.rows * width)
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let elapsed = try clock.measure {
                try output.withUnsafeMutableBufferPointer { try model.predict(features, into: $0, options: options) }
            }
            times.append(seconds(elapsed))
        }
        times.sort()
        let median = times[times.count / 2]
        var latencies: [Double] = []
        if singleRowCalls > 0 && features.rows > 0 {
            let scorer = try model.makeSingleRowScorer(options: options)
            var out = [Double](repeating: 0, count: width)
            let f = features.columns
            try features.withUnsafeBufferPointer { x in
                try out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<min(2_000, singleRowCalls) {
                        let r = i % features.rows
                        try scorer.predict(UnsafeBufferPointer(rebasing: x[(r * f)..<((r + 1) * f)]), into: o)
                    }
                    latencies.reserveCapacity(singleRowCalls)
                    for i in 0..<singleRowCalls {
                        let r = i % features.rows
                        let row = UnsafeBufferPointer(rebasing: x[(r * f)..<((r + 1) * f)])
                        let start = clock.now
                        try scorer.predict(row, into: o)
                        latencies.append(seconds(start.duration(to: clock.now)) * 1e6)
                    }
                }
            }
            latencies.sort()
        }
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(p * Double(latencies.count)))]
        }
        return PredictionBenchmark(
            rows: features.rows, threads: options.threads, batchSecondsMedian: median, batchSecondsMin: times[0],
            batchRowsPerSecond: median > 0 ? Double(features.rows) / median : 0, singleRowCalls: latencies.count,
            singleRowP50Microseconds: percentile(0.5), singleRowP99Microseconds: percentile(0.99),
            checksum: output.reduce(0, +))
    }

    private static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
