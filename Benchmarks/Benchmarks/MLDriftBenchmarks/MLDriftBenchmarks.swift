import Benchmark
import MLCore
import MLDrift

/// MLDrift benchmarks. Figures and the peer script (shared/bench/w5_drift.py): Docs/Performance.md.
///
/// W5 shape: `columns` columns of N(0, 1) doubles, baseline vs current where 20 % of the columns
/// are shifted by 0.1 σ and 10 % scaled by 1.2; one iteration is a full `DriftDetector.compare`
/// (decile PSI, JS distance, KS with p-value, Wasserstein-1, verdict) on all threads.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(20), maxIterations: 10)

    func tables(rows: Int, columns: Int) throws -> (Table, Table) {
        var base: [(String, Column)] = [], cur: [(String, Column)] = []
        for j in 0..<columns {
            var rb = SeededRandom(seed: UInt64(2 * j + 1)), rc = SeededRandom(seed: UInt64(2 * j + 2))
            let b = (0..<rows).map { _ in rb.nextNormal() }
            var c = (0..<rows).map { _ in rc.nextNormal() }
            if j < columns / 5 { c = c.map { $0 + 0.1 } } else if j < columns * 3 / 10 { c = c.map { $0 * 1.2 } }
            base.append(("c\(j)", .double(b)))
            cur.append(("c\(j)", .double(c)))
        }
        return (try Table(base), try Table(cur))
    }

    /// Runs `work` once per scaled iteration between the start and stop of the measurement,
    /// keeping each result alive.
    func measure<Result>(_ benchmark: Benchmark, _ work: () throws -> Result) rethrows {
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try work())
        }
        benchmark.stopMeasurement()
    }

    Benchmark("drift compare 1M x 100 (W5)", configuration: .init(maxDuration: .seconds(60), maxIterations: 3)) { benchmark in
        let (base, cur) = try tables(rows: 1_000_000, columns: 100)
        try measure(benchmark) { try DriftDetector().compare(baseline: base, current: cur) }
    }

    Benchmark("drift compare 100k x 10 vs profile") { benchmark in
        let (base, cur) = try tables(rows: 100_000, columns: 10)
        let profile = try BaselineProfiler().profile(base)
        try measure(benchmark) { try DriftDetector().compare(baseline: profile, current: cur) }
    }

    Benchmark("drift snapshot 100k x 10") { benchmark in
        let (base, _) = try tables(rows: 100_000, columns: 10)
        try measure(benchmark) { try BaselineProfiler().profile(base) }
    }
}
