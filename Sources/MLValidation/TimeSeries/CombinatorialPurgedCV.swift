import MLMetrics

/// Combinatorial purged cross-validation (López de Prado 2018, ch. 12), with skfolio's
/// group and path conventions.
///
/// The `samples` observations (in time order) are cut into `groups` contiguous groups of
/// `samples / groups` observations, the last group taking the remainder. Every choice of
/// `testGroups` groups, in `itertools.combinations` order, is one split: those groups are
/// tested, the rest trained on after ``PurgeRule`` removes the samples near each test block.
/// There are C(N, k) splits and φ = k/N · C(N, k) = C(N−1, k−1) backtest paths: every group is
/// tested in exactly φ splits, and the j-th split that tests a group (in split order) gives
/// that group's out-of-sample predictions to path j (``TimeSeriesSplit/pathIDs``).
///
/// ```swift
/// let cv = try CombinatorialPurgedCV(samples: 120, groups: 6, testGroups: 2,
///                                    purge: .observations(purge: 2, embargo: 1))
/// for split in cv.splits { fit(split.trainIndices); predict(split.testIndices) }
/// cv.paths[0]   // the split whose test predictions form path 0, for each group
/// ```
public struct CombinatorialPurgedCV: Sendable, Equatable {
    /// The default cap on C(N, k).
    public static let defaultMaxSplits = 100_000

    /// The number of observations.
    public let sampleCount: Int
    /// N, the number of groups.
    public let groupCount: Int
    /// k, the number of test groups per split.
    public let testGroupCount: Int
    /// How samples near test blocks are removed from training.
    public let purge: PurgeRule
    /// Each group's sample range.
    public let groupBounds: [Range<Int>]
    /// The tested groups of each split, in lexicographic (itertools.combinations) order.
    public let combinations: [[Int]]
    /// `pathIDs[s][j]`: the path that split `s`'s j-th test group contributes to (skfolio's
    /// `get_path_ids`: the splits testing a group are numbered 0, 1, 2… in split order).
    public let pathIDs: [[Int]]

    /// Creates the splitter.
    /// - Parameters:
    ///   - samples: observations, ≥ `groups`.
    ///   - groups: N ≥ 2.
    ///   - testGroups: k, 1 ≤ k < N.
    ///   - purge: the purge and embargo rule (default none).
    ///   - maxSplits: refuse configurations with more than this many splits (C(N, k)).
    /// - Throws: ``EvaluationError`` `.invalidArgument` naming the parameter at fault, also when
    ///   C(N, k) exceeds `maxSplits`; `.lengthMismatch` when label intervals do not cover `samples`.
    public init(
        samples: Int, groups: Int, testGroups: Int, purge: PurgeRule = .none, maxSplits: Int = defaultMaxSplits
    ) throws {
        guard groups >= 2 else {
            throw EvaluationError(.invalidArgument, "groups must be ≥ 2 (got \(groups))", field: "groups")
        }
        guard testGroups >= 1 && testGroups < groups else {
            throw EvaluationError(
                .invalidArgument, "test groups must be between 1 and groups − 1 = \(groups - 1) (got \(testGroups))",
                field: "test_groups")
        }
        guard samples >= groups else {
            throw EvaluationError(
                .invalidArgument, "\(samples) samples cannot form \(groups) non-empty groups", field: "samples")
        }
        let count = Self.binomial(groups, testGroups)
        guard let count, count <= maxSplits else {
            throw EvaluationError(
                .invalidArgument,
                "C(\(groups), \(testGroups)) = \(count.map(String.init) ?? "more than \(Int.max)") splits is above the cap of \(maxSplits) (raise maxSplits / --max-splits)",
                field: "max_splits")
        }
        try purge.validate(samples: samples)
        self.sampleCount = samples
        self.groupCount = groups
        self.testGroupCount = testGroups
        self.purge = purge
        let size = samples / groups
        self.groupBounds = (0..<groups).map { g in g * size..<(g == groups - 1 ? samples : (g + 1) * size) }
        let combinations = Self.lexicographicCombinations(groups, testGroups, count: count)
        var seen = [Int](repeating: 0, count: groups)
        self.pathIDs = combinations.map { tested in
            tested.map { g in
                defer { seen[g] += 1 }
                return seen[g]
            }
        }
        self.combinations = combinations
    }

    /// C(N, k), the number of splits.
    public var splitCount: Int { combinations.count }

    /// φ = k/N · C(N, k) = C(N−1, k−1), the number of backtest paths.
    public var pathCount: Int { splitCount * testGroupCount / groupCount }

    /// Split `index` (0 ≤ index < ``splitCount``), with its purged training set.
    public func split(_ index: Int) -> TimeSeriesSplit {
        let tested = combinations[index]
        let byGroup = tested.map { groupBounds[$0] }
        let test = IndexRanges(byGroup)
        return TimeSeriesSplit(
            index: index, testGroups: tested, pathIDs: pathIDs[index], train: purge.trainSet(samples: sampleCount, test: test),
            test: test, testByGroup: byGroup)
    }

    /// Every split, in order.
    public var splits: [TimeSeriesSplit] { (0..<splitCount).map(split) }


    /// `paths[p][g]`: the split whose test predictions for group `g` belong to path `p`. Each
    /// path covers every sample exactly once, out of sample.
    public var paths: [[Int]] {
        var out = [[Int]](repeating: [Int](repeating: 0, count: groupCount), count: pathCount)
        for (s, ids) in pathIDs.enumerated() {
            for (j, p) in ids.enumerated() { out[p][combinations[s][j]] = s }
        }
        return out
    }

    /// C(n, k), or nil when it does not fit in an `Int`.
    static func binomial(_ n: Int, _ k: Int) -> Int? {
        let k = min(k, n - k)
        var result = 1
        for i in 0..<k {
            // result · (n − i) / (i + 1) stays an integer at every step.
            let (product, overflow) = result.multipliedReportingOverflow(by: n - i)
            if overflow { return nil }
            result = product / (i + 1)
        }
        return result
    }

    static func lexicographicCombinations(_ n: Int, _ k: Int, count: Int) -> [[Int]] {
        var out: [[Int]] = []
        out.reserveCapacity(count)
        var current = Array(0..<k)
        while true {
            out.append(current)
            var i = k - 1
            while i >= 0 && current[i] == n - k + i { i -= 1 }
            if i < 0 { return out }
            current[i] += 1
            for j in (i + 1)..<k { current[j] = current[j - 1] + 1 }
        }
    }
}
