import Benchmark
import MLCore

/// gemm throughput through `Matrix` (OpenBLAS underneath). One iteration is one
/// 1024×1024·1024×1024 product = 2·1024³ ≈ 2.15 GFLOP; GFLOP/s = 2.147 / (seconds per iteration).
/// Compare with NumPy's `a @ b` on the same machine (Docs/Performance.md has the script).
let benchmarks: @Sendable () -> Void = {
    let n = 1024
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        maxDuration: .seconds(10), maxIterations: 50)

    Benchmark("gemm 1024 Double") { benchmark in
        var rng = SplitMixForBenchmarks(seed: 1)
        let a = try Matrix<Double>(rows: n, columns: n, elements: (0..<(n * n)).map { _ in rng.nextUnit() })
        let b = try Matrix<Double>(rows: n, columns: n, elements: (0..<(n * n)).map { _ in rng.nextUnit() })
        var c = try Matrix<Double>(rows: n, columns: n)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try BLAS.gemm(a, b, into: &c)
        }
        benchmark.stopMeasurement()
        blackHole(c)
    }

    Benchmark("gemm 1024 Float") { benchmark in
        var rng = SplitMixForBenchmarks(seed: 2)
        let a = try Matrix<Float>(rows: n, columns: n, elements: (0..<(n * n)).map { _ in Float(rng.nextUnit()) })
        let b = try Matrix<Float>(rows: n, columns: n, elements: (0..<(n * n)).map { _ in Float(rng.nextUnit()) })
        var c = try Matrix<Float>(rows: n, columns: n)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try BLAS.gemm(a, b, into: &c)
        }
        benchmark.stopMeasurement()
        blackHole(c)
    }
}

/// A tiny local generator so the benchmark data does not depend on anything but the seed.
struct SplitMixForBenchmarks {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) * 0x1.0p-53
    }
}
