import MLMetrics

/// Walk-forward validation with scikit-learn's `TimeSeriesSplit` semantics: `splits` test
/// windows of `testSize` samples laid end to end at the end of the series; each trains on the
/// samples before its window, minus a `gap` right before it, either all of them (expanding
/// window) or only the last `maxTrainSize` (rolling window).
///
/// Window `i` tests `[n − (splits − i)·testSize, n − (splits − i − 1)·testSize)` and trains on
/// `[max(0, testStart − gap − maxTrainSize), testStart − gap)`.
public struct WalkForwardSplit: Sendable, Equatable {
    /// How the training window grows.
    public enum Window: Sendable, Equatable {
        /// Every sample before the gap (scikit-learn's default).
        case expanding
        /// At most this many samples before the gap (`max_train_size`).
        case rolling(maxTrainSize: Int)
    }

    /// The number of observations.
    public let sampleCount: Int
    /// The number of splits.
    public let splitCount: Int
    /// Samples per test window.
    public let testSize: Int
    /// Samples left out between the training window and the test window.
    public let gap: Int
    /// Expanding or rolling.
    public let window: Window

    /// Creates the splitter.
    /// - Parameters:
    ///   - samples: observations.
    ///   - splits: number of test windows, ≥ 1 (scikit-learn requires ≥ 2; one is allowed here).
    ///   - testSize: samples per test window; default `samples / (splits + 1)`.
    ///   - gap: samples dropped before each test window (≥ 0).
    ///   - window: expanding (default) or rolling.
    /// - Throws: ``EvaluationError`` `.invalidArgument` when the windows do not fit: the first
    ///   training window would be empty, or a size is not positive.
    public init(samples: Int, splits: Int, testSize: Int? = nil, gap: Int = 0, window: Window = .expanding) throws {
        guard splits >= 1 else { throw EvaluationError(.invalidArgument, "splits must be ≥ 1 (got \(splits))", field: "splits") }
        guard gap >= 0 else { throw EvaluationError(.invalidArgument, "gap must be ≥ 0 (got \(gap))", field: "gap") }
        guard samples > splits else {
            throw EvaluationError(.invalidArgument, "\(samples) samples cannot form \(splits) splits", field: "samples")
        }
        let size = testSize ?? samples / (splits + 1)
        guard size >= 1 else { throw EvaluationError(.invalidArgument, "test size must be ≥ 1 (got \(size))", field: "test_size") }
        if case .rolling(let m) = window, m < 1 {
            throw EvaluationError(.invalidArgument, "the rolling training window must be ≥ 1 (got \(m))", field: "max_train_size")
        }
        let (tested, overflow) = size.multipliedReportingOverflow(by: splits)
        guard !overflow, tested <= samples, samples - tested - gap > 0 else {
            throw EvaluationError(
                .invalidArgument,
                "\(splits) test windows of \(size) samples with a gap of \(gap) leave no training sample in \(samples)",
                field: "test_size")
        }
        self.sampleCount = samples
        self.splitCount = splits
        self.testSize = size
        self.gap = gap
        self.window = window
    }

    /// Split `index` (0-based, oldest test window first).
    public func split(_ index: Int) -> TimeSeriesSplit {
        let testStart = sampleCount - (splitCount - index) * testSize
        let trainEnd = testStart - gap
        var trainStart = 0
        if case .rolling(let m) = window { trainStart = max(0, trainEnd - m) }
        let test = testStart..<testStart + testSize
        return TimeSeriesSplit(
            index: index, testGroups: [], pathIDs: [], train: IndexRanges(normalized: [trainStart..<trainEnd]),
            test: IndexRanges(normalized: [test]), testByGroup: [test])
    }

    /// Every split, oldest test window first.
    public var splits: [TimeSeriesSplit] { (0..<splitCount).map(split) }
}
