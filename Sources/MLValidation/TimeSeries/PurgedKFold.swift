import MLMetrics

/// Purged k-fold cross-validation (López de Prado 2018, §7.4): `folds` contiguous folds in time
/// order, each tested once, trained on the others minus what the ``PurgeRule`` removes around
/// the test fold.
///
/// Folds are sized as scikit-learn's `KFold` and NumPy's `array_split`: the first
/// `samples % folds` folds hold one sample more. No shuffling: the order is time.
public struct PurgedKFold: Sendable, Equatable {
    /// The number of observations.
    public let sampleCount: Int
    /// Each fold's sample range.
    public let foldBounds: [Range<Int>]
    /// How samples near the test fold are removed from training.
    public let purge: PurgeRule

    /// Creates the splitter.
    /// - Throws: ``EvaluationError`` `.invalidArgument` when `folds < 2` or `samples < folds`,
    ///   or for a bad purge rule.
    public init(samples: Int, folds: Int, purge: PurgeRule = .none) throws {
        guard folds >= 2 else { throw EvaluationError(.invalidArgument, "folds must be ≥ 2 (got \(folds))", field: "folds") }
        guard samples >= folds else {
            throw EvaluationError(.invalidArgument, "\(samples) samples cannot form \(folds) non-empty folds", field: "samples")
        }
        try purge.validate(samples: samples)
        self.sampleCount = samples
        self.purge = purge
        let base = samples / folds
        let larger = samples % folds
        var start = 0
        self.foldBounds = (0..<folds).map { f in
            let size = base + (f < larger ? 1 : 0)
            defer { start += size }
            return start..<start + size
        }
    }

    /// The number of splits (= folds).
    public var splitCount: Int { foldBounds.count }

    /// Split `index`: fold `index` tested.
    public func split(_ index: Int) -> TimeSeriesSplit {
        let test = IndexRanges(normalized: [foldBounds[index]])
        return TimeSeriesSplit(
            index: index, testGroups: [index], pathIDs: [], train: purge.trainSet(samples: sampleCount, test: test), test: test,
            testByGroup: [foldBounds[index]])
    }

    /// Every split, in fold order.
    public var splits: [TimeSeriesSplit] { (0..<splitCount).map(split) }
}
