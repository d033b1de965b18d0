// QuantResearch — from features to a release decision without fooling yourself.
//
// Story: a researcher has three candidate signals built on the `technical-v1` features. Each
// one is "trained" (its direction and threshold are fitted on the training rows only) and
// backtested with combinatorial purged cross-validation: every label spans one day, so the
// training rows whose labels overlap a test block are purged, and five more days after each
// block are embargoed. CPCV gives not one backtest but φ paths, so each candidate has a Sharpe
// ratio *distribution*; the three candidates together give the probability of backtest
// overfitting. The best candidate then faces the release gates — and the deflated Sharpe ratio
// counts that three strategies were tried.
//
// Run: swift run QuantResearch        (seeded: every run prints the same)

import MLCore
import MLFeatures
import MLValidation

// MARK: - Cell 1: 1,400 daily bars with a little momentum in them

var random = SeededRandom(seed: 77)
var open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = [], volume: [Double] = []
var price = 100.0
var drift = 0.0
for _ in 0..<1_400 {
    drift = 0.9 * drift + random.nextNormal(mean: 0, standardDeviation: 0.0008)  // a slowly wandering trend
    let o = price * (1 + random.nextNormal(mean: 0, standardDeviation: 0.003))
    price = o * (1 + drift + random.nextNormal(mean: 0.0002, standardDeviation: 0.012))
    open.append(o)
    close.append(price)
    high.append(max(o, price) * (1 + abs(random.nextNormal(mean: 0, standardDeviation: 0.004))))
    low.append(min(o, price) * (1 - abs(random.nextNormal(mean: 0, standardDeviation: 0.004))))
    volume.append(Double(40_000 + random.nextInt(in: 0..<30_000)))
}
let bars = try OHLCVBars(open: open, high: high, low: low, close: close, volume: volume)

// MARK: - Cell 2: features, and the label each row predicts (tomorrow's return)
//
// The first 200 rows are warm-up (nma_200 needs 200 bars) and the last row has no tomorrow.

let frame = FeatureSet.technicalV1.compute(bars)
let signals = ["roc_10", "macd_hist", "rsi_14"]
let columns = try signals.map { try frame.column(named: $0) }
let first = 200
let rows = Array(first..<(bars.count - 1))
let nextReturn = rows.map { close[$0 + 1] / close[$0] - 1 }
let feature = columns.map { column in rows.map { column[$0] } }
print("\(rows.count) samples, features \(frame.setName) (\(frame.definitionHash.description.prefix(12))…)")

// MARK: - Cell 3: CPCV with purge by label interval and an embargo
//
// Sample i is predicted at day i and its label is known at day i + 1.

let start = rows.indices.map(Double.init)
let end = start.map { $0 + 1 }
let cv = try CombinatorialPurgedCV(
    samples: rows.count, groups: 8, testGroups: 2, purge: .labelIntervals(start: start, end: end, embargo: 5))
print("CPCV: \(cv.splitCount) splits, \(cv.pathCount) paths")

// MARK: - Cell 4: train each candidate per split, backtest every path
//
// "Training" a signal: on the training rows only, take the median as threshold and the
// direction in which the signal and the next return agree. The position is ±1.

func median(_ v: [Double]) -> Double {
    let s = v.sorted()
    return s.isEmpty ? 0 : s[s.count / 2]
}
let result = try CPCVBacktest.run(cv, candidates: signals.count, periodsPerYear: 252, pboPartitions: 8) { split, c in
    let train = split.trainIndices
    let threshold = median(train.map { feature[c][$0] })
    var agreement = 0.0
    for i in train { agreement += (feature[c][i] > threshold ? 1 : -1) * nextReturn[i] }
    let direction: Double = agreement >= 0 ? 1 : -1
    return split.testIndices.map { direction * (feature[c][$0] > threshold ? 1 : -1) }
} strategyReturn: { i, position in position * nextReturn[i] }

func fixed(_ x: Double, _ digits: Int = 2) -> String {
    let scale = [1.0, 10, 100, 1000, 10000][digits]
    return String(Double((x * scale).rounded()) / scale)
}
var meanSharpe: [Double] = []
for (c, name) in signals.enumerated() {
    let sharpes = result.sharpeDistribution(candidate: c)
    let mean = sharpes.reduce(0, +) / Double(sharpes.count)
    meanSharpe.append(mean)
    print("\(name): path Sharpe \(fixed(sharpes.min() ?? 0))…\(fixed(sharpes.max() ?? 0)), mean \(fixed(mean))")
}
// PBO asks a different question than the path distributions: when the candidate that looks
// best on half of the history is picked, how often is it no better than the median candidate on
// the other half? With three similar signals that is often — picking among them is mostly noise.
if let pbo = result.overfitting {
    print("probability of backtest overfitting: \(fixed(pbo.probability, 3)) over \(pbo.logits.count) CSCV splits")
}

// MARK: - Cell 5: the release gate on the best candidate
//
// The candidate with the best mean path Sharpe ratio; its median path goes to the gate. The
// deflated Sharpe ratio uses the three candidates as trials (their annualized mean path Sharpe
// ratios), so choosing the best of three is paid for.

let best = meanSharpe.indices.max { meanSharpe[$0] < meanSharpe[$1] } ?? 0
let ranked = result.sharpeDistribution(candidate: best).enumerated().sorted { $0.element < $1.element }
let medianPath = ranked[ranked.count / 2].offset
let statistics = result.pathStatistics[best][medianPath]
let trials = try BacktestTrials(sharpeRatios: meanSharpe, annualized: true, periodsPerYear: 252, source: "the 3 candidates")
let gates = try BacktestGates.parse("min_sharpe: 1.2\nmin_psr: 0.95\nmax_drawdown: 0.20\nmin_dsr: 0.95\n")
let report = try BacktestReport(statistics: statistics, trials: trials, gates: gates)
print("best: \(signals[best]), path \(medianPath): Sharpe \(fixed(statistics.sharpeAnnualized ?? 0)), "
    + "max drawdown \(fixed(statistics.maxDrawdown * 100, 1))%, PSR \(fixed(report.psr ?? 0, 3)), DSR \(fixed(report.dsr ?? 0, 3))")
if report.passed {
    print("release gates passed")
} else {
    print("release blocked:")
    for failure in report.failures { print("  \(failure)") }
}
