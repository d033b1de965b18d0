import MLCore
import MLMetrics

/// The probability of backtest overfitting by combinatorially symmetric cross-validation
/// (CSCV; Bailey, Borwein, López de Prado & Zhu 2017).
///
/// The T × M matrix of per-period returns of M candidate strategies is cut into S contiguous
/// blocks of rows (T/S rows, the last block taking the remainder). For each of the C(S, S/2)
/// ways to pick half of the blocks as in-sample (the rest out-of-sample), the candidate with
/// the best in-sample Sharpe ratio is selected (the first on ties) and its out-of-sample Sharpe
/// ratio ranked among all candidates' (rank 1 = worst, average ranks on ties); with
/// ω = rank/(M + 1), the logit is λ = ln(ω/(1 − ω)). PBO is the fraction of splits with
/// λ ≤ 0: how often the in-sample winner does no better than the median out of sample.
/// Sharpe ratios are per period, mean/std with ddof = 1 (0 when the block's std is 0).
public struct BacktestOverfitting: Sendable, Equatable, Codable {
    /// PBO, in [0, 1].
    public let probability: Double
    /// λ of every split, in combination order.
    public let logits: [Double]
    /// The in-sample Sharpe ratio of each split's selected candidate.
    public let inSampleSharpe: [Double]
    /// Its out-of-sample Sharpe ratio.
    public let outOfSampleSharpe: [Double]
    /// The fraction of splits whose selected candidate lost money out of sample (Sharpe < 0).
    public let probabilityOfLoss: Double
    /// The least-squares slope of out-of-sample on in-sample Sharpe ratio (performance
    /// degradation: negative or well below 1 means the in-sample ranking does not carry over);
    /// nil when every in-sample Sharpe ratio is the same.
    public let degradationSlope: Double?
    /// S.
    public let partitions: Int

    /// The most combinations CSCV will evaluate.
    public static let maxCombinations = 1_000_000

    /// Runs CSCV.
    /// - Parameters:
    ///   - returns: one array per candidate (M ≥ 2), all of the same length T ≥ `partitions`.
    ///   - partitions: S, even, ≥ 2 (default 16 as in the paper).
    /// - Throws: ``EvaluationError`` `.invalidArgument` (fewer than 2 candidates, odd or too large
    ///   S, more than ``maxCombinations`` combinations), `.lengthMismatch` (ragged candidates),
    ///   `.invalidScore` (a non-finite return).
    public init(returns: [[Double]], partitions: Int = 16) throws {
        let m = returns.count
        guard m >= 2 else {
            throw EvaluationError(.invalidArgument, "the probability of backtest overfitting needs at least 2 candidates (got \(m))", field: "candidates")
        }
        let t = returns[0].count
        for (c, r) in returns.enumerated() {
            guard r.count == t else {
                throw EvaluationError(.lengthMismatch, "candidate \(c) has \(r.count) returns, candidate 0 has \(t)", field: "returns", index: c)
            }
            if let bad = r.firstIndex(where: { !$0.isFinite }) {
                throw EvaluationError(.invalidScore, "return \(bad) of candidate \(c) is not finite", field: "returns", index: c)
            }
        }
        guard partitions >= 2, partitions % 2 == 0, partitions <= t else {
            throw EvaluationError(
                .invalidArgument, "partitions must be even, ≥ 2 and ≤ the \(t) periods (got \(partitions))", field: "partitions")
        }
        guard let combos = CombinatorialPurgedCV.binomial(partitions, partitions / 2), combos <= Self.maxCombinations else {
            throw EvaluationError(
                .invalidArgument, "C(\(partitions), \(partitions / 2)) combinations is above \(Self.maxCombinations)", field: "partitions")
        }
        // Per block and candidate: count, sum and sum of squares, so a half's Sharpe is O(S/2).
        let size = t / partitions
        var sums = [Double](repeating: 0, count: partitions * m)
        var squares = [Double](repeating: 0, count: partitions * m)
        var counts = [Int](repeating: 0, count: partitions)
        for b in 0..<partitions {
            let rows = b * size..<(b == partitions - 1 ? t : (b + 1) * size)
            counts[b] = rows.count
            for c in 0..<m {
                var s = 0.0, q = 0.0
                for i in rows {
                    s += returns[c][i]
                    q += returns[c][i] * returns[c][i]
                }
                sums[b * m + c] = s
                squares[b * m + c] = q
            }
        }
        func sharpe(_ blocks: [Int], _ c: Int) -> Double {
            var n = 0, s = 0.0, q = 0.0
            for b in blocks {
                n += counts[b]
                s += sums[b * m + c]
                q += squares[b * m + c]
            }
            guard n >= 2 else { return 0 }
            let mean = s / Double(n)
            let variance = max(0, (q - s * mean) / Double(n - 1))
            return variance > 0 ? mean / variance.squareRoot() : 0
        }
        var logits: [Double] = [], inSample: [Double] = [], outOfSample: [Double] = []
        logits.reserveCapacity(combos)
        for chosen in CombinatorialPurgedCV.lexicographicCombinations(partitions, partitions / 2, count: combos) {
            var isChosen = [Bool](repeating: false, count: partitions)
            for b in chosen { isChosen[b] = true }
            let rest = (0..<partitions).filter { !isChosen[$0] }
            let inSharpe = (0..<m).map { sharpe(chosen, $0) }
            let outSharpe = (0..<m).map { sharpe(rest, $0) }
            var best = 0
            for c in 1..<m where inSharpe[c] > inSharpe[best] { best = c }
            let below = outSharpe.filter { $0 < outSharpe[best] }.count
            let ties = outSharpe.filter { $0 == outSharpe[best] }.count
            let rank = Double(below) + Double(ties + 1) / 2
            let omega = rank / Double(m + 1)
            logits.append(_Math.log(omega / (1 - omega)))
            inSample.append(inSharpe[best])
            outOfSample.append(outSharpe[best])
        }
        let count = Double(logits.count)
        self.probability = Double(logits.filter { $0 <= 0 }.count) / count
        self.logits = logits
        self.inSampleSharpe = inSample
        self.outOfSampleSharpe = outOfSample
        self.probabilityOfLoss = Double(outOfSample.filter { $0 < 0 }.count) / count
        let mx = inSample.reduce(0, +) / count
        let my = outOfSample.reduce(0, +) / count
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(inSample, outOfSample) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
        }
        self.degradationSlope = sxx > 0 ? sxy / sxx : nil
        self.partitions = partitions
    }
}
