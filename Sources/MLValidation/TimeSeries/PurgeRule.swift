import MLMetrics

/// How training samples near a test block are removed so that no training label overlaps the
/// test period (purge) and no training sample right after it leaks through serial correlation
/// (embargo).
public enum PurgeRule: Sendable, Equatable {
    /// Counted in observations, as skfolio's `CombinatorialPurgedCV`: for every test block
    /// (a maximal run of adjacent test samples), the `purge` training samples immediately
    /// before it and the `purge + embargo` training samples immediately after it are removed.
    /// Equivalent to the label-interval rule when every label spans `purge` bars.
    case observations(purge: Int, embargo: Int)
    /// By each sample's label interval, as in López de Prado (2018, §7.4): sample `i` is
    /// predicted at `start[i]` and its label is known at `end[i]` (any monotone time unit:
    /// bar numbers, epoch seconds). A training sample is purged when its closed interval
    /// `[start, end]` overlaps a test block's span `[start of its first sample, latest end of
    /// its samples]`; then the `embargo` observations right after each test block are removed.
    /// `start` must be non-decreasing and `end[i] ≥ start[i]`, all finite.
    case labelIntervals(start: [Double], end: [Double], embargo: Int)

    /// No purge and no embargo.
    public static let none = PurgeRule.observations(purge: 0, embargo: 0)

    /// Checks the rule against `samples` observations.
    /// - Throws: ``EvaluationError`` `.invalidArgument` naming the value at fault.
    func validate(samples: Int) throws {
        switch self {
        case .observations(let purge, let embargo):
            guard purge >= 0 else { throw EvaluationError(.invalidArgument, "purge must be ≥ 0 (got \(purge))", field: "purge") }
            guard embargo >= 0 else {
                throw EvaluationError(.invalidArgument, "embargo must be ≥ 0 (got \(embargo))", field: "embargo")
            }
        case .labelIntervals(let start, let end, let embargo):
            guard embargo >= 0 else {
                throw EvaluationError(.invalidArgument, "embargo must be ≥ 0 (got \(embargo))", field: "embargo")
            }
            guard start.count == samples, end.count == samples else {
                throw EvaluationError(
                    .lengthMismatch,
                    "label intervals: \(start.count) start and \(end.count) end times for \(samples) samples",
                    field: "label_intervals")
            }
            for i in 0..<samples {
                guard start[i].isFinite, end[i].isFinite else {
                    throw EvaluationError(.invalidArgument, "label interval of sample \(i) is not finite", field: "label_intervals")
                }
                guard end[i] >= start[i] else {
                    throw EvaluationError(
                        .invalidArgument, "label interval of sample \(i) ends (\(end[i])) before it starts (\(start[i]))",
                        field: "label_intervals")
                }
                if i > 0 && start[i] < start[i - 1] {
                    throw EvaluationError(
                        .invalidArgument, "label start times must be non-decreasing: sample \(i) starts before sample \(i - 1)",
                        field: "label_intervals")
                }
            }
        }
    }

    /// The training set for `samples` observations when the test set is `test`: the complement
    /// of `test`, minus the purged and embargoed samples around every test block.
    func trainSet(samples: Int, test: IndexRanges) -> IndexRanges {
        switch self {
        case .observations(let purge, let embargo):
            var excluded = test.ranges
            excluded.reserveCapacity(test.ranges.count * 3)
            let after = purge > Int.max - embargo ? Int.max : purge + embargo
            for block in test.ranges {
                excluded.append(block.lowerBound - min(purge, block.lowerBound)..<block.lowerBound)
                excluded.append(block.upperBound..<block.upperBound + min(after, samples - block.upperBound))
            }
            return IndexRanges(excluded).complement(upTo: samples)
        case .labelIntervals(let start, let end, let embargo):
            var excluded = test.ranges
            for block in test.ranges {
                let spanStart = start[block.lowerBound]
                var spanEnd = -Double.infinity
                for i in block { spanEnd = max(spanEnd, end[i]) }
                // Before the block start times are ≤ spanStart, so overlap means end ≥ spanStart;
                // this set need not be contiguous (labels have different horizons).
                var runStart: Int? = nil
                for j in 0..<block.lowerBound {
                    if end[j] >= spanStart {
                        if runStart == nil { runStart = j }
                    } else if let s = runStart {
                        excluded.append(s..<j)
                        runStart = nil
                    }
                }
                if let s = runStart { excluded.append(s..<block.lowerBound) }
                // After the block start times are ≥ spanStart, so overlap means start ≤ spanEnd:
                // a contiguous run, then the embargo.
                var j = block.upperBound
                while j < samples && start[j] <= spanEnd { j += 1 }
                excluded.append(block.upperBound..<j)
                excluded.append(block.upperBound..<block.upperBound + min(embargo, samples - block.upperBound))
            }
            return IndexRanges(excluded).complement(upTo: samples)
        }
    }
}
