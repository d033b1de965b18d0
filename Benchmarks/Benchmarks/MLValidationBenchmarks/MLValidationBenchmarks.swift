import Benchmark
import MLValidation

/// MLValidation benchmarks. Figures and the peer comparison (Benchmarks/w10_compare.py against
/// skfolio, ../shared/bench/w10_cpcv.py): Docs/Performance.md.
///
/// W10 shape: CPCV over 1,000,000 samples, N = 10, k = 2, purge 10, embargo 10; one iteration
/// materializes every split's train and per-group test index arrays (45 splits, 44,997,840
/// indices). Backtest statistics: one `BacktestStatistics` + PSR/DSR over 1,000,000 returns.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(20), maxIterations: 20)

    Benchmark("cpcv enumerate 1M N=10 k=2 purge 10 embargo 10 (W10)") { benchmark in
        let cv = try CombinatorialPurgedCV(samples: 1_000_000, groups: 10, testGroups: 2, purge: .observations(purge: 10, embargo: 10))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var total = 0
            for s in 0..<cv.splitCount {
                let split = cv.split(s)
                total += split.trainIndices.count
                for group in split.testByGroup { total += Array(group).count }
            }
            blackHole(total)
        }
        benchmark.stopMeasurement()
    }

    Benchmark("backtest statistics + DSR, 1M returns") { benchmark in
        var state: UInt64 = 42
        let returns = (0..<1_000_000).map { _ -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int64(bitPattern: state >> 11) % 2001 - 1000) / 100_000
        }
        let trials = try BacktestTrials(count: 50, sharpeVariance: 0.003)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let s = try BacktestStatistics(returns: returns)
            blackHole(s.inference?.deflatedSharpe(trials))
        }
        benchmark.stopMeasurement()
    }
}
