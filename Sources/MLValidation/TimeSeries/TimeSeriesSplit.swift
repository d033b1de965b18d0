/// One train/test split of a time series, from ``CombinatorialPurgedCV``, ``PurgedKFold`` or
/// ``WalkForwardSplit``. Indices are 0-based sample positions in time order.
public struct TimeSeriesSplit: Sendable, Equatable {
    /// The split's position in its splitter's order (0-based).
    public let index: Int
    /// The groups (CPCV) or the fold (purged k-fold, one element) tested; empty for walk-forward.
    public let testGroups: [Int]
    /// For CPCV: `pathIDs[j]` is the backtest path that `testGroups[j]`'s out-of-sample
    /// predictions belong to (see ``CombinatorialPurgedCV/paths``); empty otherwise.
    public let pathIDs: [Int]
    /// The training samples: everything not tested, minus what purge and embargo removed.
    public let train: IndexRanges
    /// The test samples.
    public let test: IndexRanges
    /// The test samples of each entry of `testGroups`, in the same order (for walk-forward,
    /// one range: the test window).
    public let testByGroup: [Range<Int>]

    /// Creates a split (splitters make these; public for tests and custom splitters).
    public init(
        index: Int, testGroups: [Int], pathIDs: [Int], train: IndexRanges, test: IndexRanges, testByGroup: [Range<Int>]
    ) {
        self.index = index
        self.testGroups = testGroups
        self.pathIDs = pathIDs
        self.train = train
        self.test = test
        self.testByGroup = testByGroup
    }

    /// The training indices, ascending.
    public var trainIndices: [Int] { train.indices }
    /// The test indices, ascending.
    public var testIndices: [Int] { test.indices }
}
