import MLMetrics

/// Training and backtesting with combinatorial purged cross-validation: fit once per split
/// (per candidate configuration), collect the out-of-sample predictions, assemble them into the
/// φ backtest paths, and measure every path.
///
/// ```swift
/// let cv = try CombinatorialPurgedCV(samples: n, groups: 10, testGroups: 2,
///                                    purge: .labelIntervals(start: t0, end: t1, embargo: 5))
/// let result = try CPCVBacktest.run(cv, periodsPerYear: 252) { split, _ in
///     let model = train(x, y, rows: split.trainIndices)
///     return split.testIndices.map { model.predict(x[$0]) }      // a position in [-1, 1]
/// } strategyReturn: { sample, position in position * forwardReturn[sample] }
/// result.sharpeDistribution()        // one annualized Sharpe ratio per path
/// ```
///
/// Splits run one after another, in order, so a deterministic `fit` gives identical results
/// on every run.
public struct CPCVBacktest: Sendable, Equatable {
    /// The splitter used.
    public let cv: CombinatorialPurgedCV
    /// `predictions[c][p][i]`: candidate `c`'s out-of-sample prediction for sample `i` on path `p`.
    public let predictions: [[[Double]]]
    /// `pathReturns[c][p][i]`: the strategy's return at sample `i` on path `p`.
    public let pathReturns: [[[Double]]]
    /// `pathStatistics[c][p]`.
    public let pathStatistics: [[BacktestStatistics]]
    /// PBO across the candidates (CSCV over each candidate's path-averaged out-of-sample
    /// returns); nil with one candidate.
    public let overfitting: BacktestOverfitting?

    /// Runs the backtest.
    /// - Parameters:
    ///   - cv: the splitter (its purge rule carries the samples' label intervals, if any).
    ///   - candidates: how many configurations to fit per split (≥ 1); `fit` gets the index.
    ///   - periodsPerYear: to annualize the path statistics.
    ///   - pboPartitions: S for the probability of backtest overfitting (with ≥ 2 candidates).
    ///   - fit: trains on `split.trainIndices` and returns one prediction per
    ///     `split.testIndices` element, in that order.
    ///   - strategyReturn: the strategy's return at a sample given its prediction (default: the
    ///     prediction is the return).
    /// - Throws: what `fit` throws; ``EvaluationError`` `.lengthMismatch` when `fit` returns the
    ///   wrong number of predictions (naming split and candidate), `.invalidScore` when a path
    ///   return is not finite or below −1, `.invalidArgument` for `candidates < 1` or bad PBO
    ///   partitions.
    public static func run(
        _ cv: CombinatorialPurgedCV, candidates: Int = 1, periodsPerYear: Double = 252, pboPartitions: Int = 16,
        fit: (_ split: TimeSeriesSplit, _ candidate: Int) throws -> [Double],
        strategyReturn: (_ sample: Int, _ prediction: Double) -> Double = { $1 }
    ) throws -> CPCVBacktest {
        guard candidates >= 1 else {
            throw EvaluationError(.invalidArgument, "at least 1 candidate is needed (got \(candidates))", field: "candidates")
        }
        let n = cv.sampleCount
        var predictions = [[[Double]]](
            repeating: [[Double]](repeating: [Double](repeating: .nan, count: n), count: cv.pathCount), count: candidates)
        for s in 0..<cv.splitCount {
            let split = cv.split(s)
            for c in 0..<candidates {
                let out = try fit(split, c)
                guard out.count == split.test.count else {
                    throw EvaluationError(
                        .lengthMismatch,
                        "split \(s), candidate \(c): \(out.count) predictions for \(split.test.count) test samples",
                        field: "predictions", index: s)
                }
                var k = 0
                for (j, group) in split.testByGroup.enumerated() {
                    let path = split.pathIDs[j]
                    for i in group {
                        predictions[c][path][i] = out[k]
                        k += 1
                    }
                }
            }
        }
        var returns = predictions
        var statistics: [[BacktestStatistics]] = []
        for c in 0..<candidates {
            var perPath: [BacktestStatistics] = []
            for p in 0..<cv.pathCount {
                for i in 0..<n { returns[c][p][i] = strategyReturn(i, predictions[c][p][i]) }
                do {
                    perPath.append(try BacktestStatistics(returns: returns[c][p], periodsPerYear: periodsPerYear))
                } catch let error as EvaluationError {
                    throw EvaluationError(
                        error.code, "path \(p), candidate \(c): " + error.message, field: error.field, index: error.index)
                }
            }
            statistics.append(perPath)
        }
        var overfitting: BacktestOverfitting? = nil
        if candidates >= 2 {
            let averaged = returns.map { paths in
                (0..<n).map { i in paths.reduce(0) { $0 + $1[i] } / Double(paths.count) }
            }
            overfitting = try BacktestOverfitting(returns: averaged, partitions: pboPartitions)
        }
        return CPCVBacktest(
            cv: cv, predictions: predictions, pathReturns: returns, pathStatistics: statistics, overfitting: overfitting)
    }

    /// The annualized Sharpe ratio of every path of `candidate`, in path order (NaN for a path
    /// with zero volatility).
    public func sharpeDistribution(candidate: Int = 0) -> [Double] {
        pathStatistics[candidate].map { $0.sharpeAnnualized ?? .nan }
    }
}
