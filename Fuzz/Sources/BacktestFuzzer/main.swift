import FuzzSupport
import MLCore
import MLValidation

// MLValidation's time-series inputs: a backtest gates file (YAML or JSON), a NUL byte, then a
// CSV. Column `ret` goes through the backtest statistics, PSR/DSR, the gates and the report;
// columns `s` and `e` (label start and end times) drive a CPCV purged by label interval whose
// shape comes from the first bytes of the gates text; `ret` and `ret2` feed CSCV (PBO). Only
// typed errors may come out; nothing may allocate or loop beyond what the bytes pay for.
runFuzzer { input in
    let parts = input.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let gates = try? BacktestGates.parse(String(decoding: parts[0], as: UTF8.self))
    guard parts.count > 1, let table = try? CSVReader(maximumThreads: 1).read(bytes: Array(parts[1])) else { return }
    let shape = Array(parts[0].prefix(4)).map(Int.init) + [0, 0, 0, 0]
    if let returns = table["ret"]?.doubleValues, let statistics = try? BacktestStatistics(returns: returns, periodsPerYear: 252) {
        let trials = try? BacktestTrials(count: 2 + shape[0] % 50, sharpeVariance: Double(shape[1]) / 1000)
        if let report = try? BacktestReport(statistics: statistics, trials: trials, gates: gates) {
            _ = report.text
            _ = report.failures
        }
        if let inference = statistics.inference {
            _ = inference.minimumTrackRecordLength()
            if let t = try? BacktestTrials(count: 2 + shape[2], sharpeVariance: Double(shape[3]) / 100) { _ = inference.deflatedSharpe(t) }
        }
        if let other = table["ret2"]?.doubleValues {
            _ = try? BacktestOverfitting(returns: [returns, other], partitions: 2 + 2 * (shape[0] % 4))
        }
    }
    if let start = table["s"]?.doubleValues, let end = table["e"]?.doubleValues {
        let groups = 2 + shape[0] % 6
        let cv = try? CombinatorialPurgedCV(
            samples: start.count, groups: groups, testGroups: 1 + shape[1] % (groups - 1),
            purge: .labelIntervals(start: start, end: end, embargo: shape[2] % 8))
        if let cv {
            for s in 0..<cv.splitCount { _ = cv.split(s).train.count }
            _ = try? CPCVBacktest.run(cv, pboPartitions: 2) { split, _ in split.testIndices.map { _ in 0.001 } }
        }
    }
    if table.rowCount > 0 {
        _ = try? PurgedKFold(samples: table.rowCount, folds: 2 + shape[0] % 5, purge: .observations(purge: shape[1], embargo: shape[2])).splits
        _ = try? WalkForwardSplit(samples: table.rowCount, splits: 1 + shape[0] % 4, gap: shape[1] % 5).splits
    }
}
