import MLCore
import MLFeatures

/// In-process time of a feature set over price bars, for `mlctl bench features` (W6).
///
/// Batch: ``FeatureSet/compute(_:)`` over all bars (input already in memory, CSV parsing not
/// timed), repeated; bars/s from the median. Streaming: one ``FeatureStream`` fed every bar,
/// timed as a whole, so the per-bar cost of the serving path is `streamSeconds / bars`.
public struct FeatureBenchmark: Sendable, Codable, Equatable {
    /// The set's name.
    public var set: String
    /// Threads of the batch computations.
    public var threads: Int
    /// Bars per call.
    public var bars: Int
    /// Features per bar.
    public var features: Int
    /// Median wall time of one batch computation, in seconds.
    public var batchSecondsMedian: Double
    /// Fastest batch computation, in seconds.
    public var batchSecondsMin: Double
    /// Every batch computation, in seconds, in the order run.
    public var batchSeconds: [Double]
    /// Wall time of one streaming pass over every bar, in seconds.
    public var streamSeconds: Double
    /// Sum of the defined batch values (a checksum to compare runs).
    public var checksum: Double
    /// Sum of the streamed first feature's defined values (keeps the streaming pass observable).
    public var streamChecksum: Double

    /// Runs the benchmark: `repeats` (≥ 1) batch computations on `threads` threads after one
    /// warm-up, then one streaming pass.
    public static func run(set: FeatureSet, bars: OHLCVBars, threads: Int = 1, repeats: Int = 10) -> FeatureBenchmark {
        let clock = ContinuousClock()
        var frame = set.compute(bars, threads: threads)
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let elapsed = clock.measure { frame = set.compute(bars, threads: threads) }
            times.append(seconds(elapsed))
        }
        var stream = set.makeStream()
        var row = [Double](repeating: 0, count: set.features.count)
        var streamSum = 0.0
        let streamElapsed = clock.measure {
            for i in 0..<bars.count {
                let bar = OHLCVBar(
                    open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i],
                    volume: bars.volume[i])
                stream.update(bar, into: &row)
                streamSum += row[0].isNaN ? 0 : row[0]
            }
        }
        let sorted = times.sorted()
        let checksum = frame.columns.joined().reduce(0) { $1.isNaN ? $0 : $0 + $1 }
        return FeatureBenchmark(
            set: set.name, threads: threads, bars: bars.count, features: set.features.count,
            batchSecondsMedian: sorted[sorted.count / 2], batchSecondsMin: sorted[0], batchSeconds: times,
            streamSeconds: seconds(streamElapsed), checksum: checksum, streamChecksum: streamSum)
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
