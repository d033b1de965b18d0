import MLValidation

/// In-process time to enumerate every CPCV split's train and test index arrays, for
/// `mlctl bench cpcv` (W10: skfolio's `CombinatorialPurgedCV` on 1,000,000 samples, N = 10,
/// k = 2, purge 10, embargo 10).
///
/// One pass builds the splitter, then for every split materializes the training indices and
/// each test group's indices as `[Int]` arrays (what skfolio yields as NumPy arrays) and sums
/// their lengths.
public struct CPCVBenchmark: Sendable, Codable, Equatable {
    /// Observations.
    public var samples: Int
    /// N.
    public var groups: Int
    /// k.
    public var testGroups: Int
    /// Purge and embargo, in observations.
    public var purge: Int
    /// Embargo, in observations.
    public var embargo: Int
    /// C(N, k).
    public var splits: Int
    /// φ.
    public var paths: Int
    /// Σ over splits of train + test indices (44,997,840 for the W10 shape; skfolio's `indices_total`).
    public var indicesTotal: Int
    /// Median wall time of one full enumeration, seconds.
    public var secondsMedian: Double
    /// Fastest, seconds.
    public var secondsMin: Double
    /// Every timed enumeration, seconds.
    public var seconds: [Double]

    /// Runs `repeats` (≥ 1) timed enumerations after one warm-up.
    /// - Throws: ``EvaluationError`` for a configuration the splitter refuses.
    public static func run(samples: Int, groups: Int, testGroups: Int, purge: Int, embargo: Int, repeats: Int = 5) throws
        -> CPCVBenchmark
    {
        let clock = ContinuousClock()
        func enumerate() throws -> (Int, Int, Int) {
            let cv = try CombinatorialPurgedCV(
                samples: samples, groups: groups, testGroups: testGroups, purge: .observations(purge: purge, embargo: embargo))
            var total = 0
            for s in 0..<cv.splitCount {
                let split = cv.split(s)
                let train = split.trainIndices
                total += train.count
                for group in split.testByGroup {
                    let test = Array(group)
                    total += test.count
                }
            }
            return (total, cv.splitCount, cv.pathCount)
        }
        var (total, splits, paths) = try enumerate()
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let elapsed = try clock.measure { (total, splits, paths) = try enumerate() }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        let sorted = times.sorted()
        return CPCVBenchmark(
            samples: samples, groups: groups, testGroups: testGroups, purge: purge, embargo: embargo, splits: splits,
            paths: paths, indicesTotal: total, secondsMedian: sorted[sorted.count / 2], secondsMin: sorted[0], seconds: times)
    }
}
