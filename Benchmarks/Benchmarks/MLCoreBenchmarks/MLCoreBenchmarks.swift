import Benchmark
import MLCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time of the whole process in microseconds (all threads), at nanosecond resolution:
/// steadier than wall time on a shared machine, and finer than the rusage-based CPU metric.
func processCPUMicroseconds() -> Int {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Int(ts.tv_sec) * 1_000_000 + Int(ts.tv_nsec) / 1_000
}

let cpuMicroseconds = BenchmarkMetric.custom("process CPU per iteration (µs)", useScalingFactor: false)

/// One gemm benchmark: `C ← A·B` for two `n`×`n` matrices filled by `draw` from `SeededRandom(seed:)`
/// (A first, then B), with the process CPU per iteration as an extra metric.
func gemmBenchmark<Scalar: MatrixScalar>(
    _ name: String, n: Int, seed: UInt64, draw: @escaping (inout SeededRandom) -> Scalar
) {
    Benchmark(name) { benchmark in
        var rng = SeededRandom(seed: seed)
        let a = try Matrix<Scalar>(rows: n, columns: n, elements: (0..<(n * n)).map { _ in draw(&rng) })
        let b = try Matrix<Scalar>(rows: n, columns: n, elements: (0..<(n * n)).map { _ in draw(&rng) })
        var c = try Matrix<Scalar>(rows: n, columns: n)
        benchmark.startMeasurement()
        let cpuStart = processCPUMicroseconds()
        for _ in benchmark.scaledIterations {
            try BLAS.gemm(a, b, into: &c)
        }
        benchmark.measurement(cpuMicroseconds, (processCPUMicroseconds() - cpuStart) / Swift.max(1, benchmark.scaledIterations.count))
        benchmark.stopMeasurement()
        blackHole(c)
    }
}

/// MLCore benchmarks. Figures and the peer scripts they are compared with: Docs/Performance.md.
///
/// - gemm: one iteration is one 1024×1024·1024×1024 product = 2·1024³ ≈ 2.147 GFLOP;
///   GFLOP/s = 2.147 / (seconds per iteration). Peer: NumPy's `a @ b` (also OpenBLAS).
/// - CSV parse: one iteration reads a 200,000 × 50 numeric CSV (≈ 190 MB, shortest round-trip
///   doubles, 5% empty fields) into a `Table`. Peer: `pandas.read_csv` (C engine).
/// - NPY read: one iteration reads a 1,000,000 × 50 float32 file (200 MB) into a `Matrix<Float>`.
///   Peer: `numpy.load`.
let benchmarks: @Sendable () -> Void = {
    let n = 1024
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput, cpuMicroseconds],
        maxDuration: .seconds(10), maxIterations: 50)

    Benchmark("NPY read 1M x 50 float32", configuration: .init(maxDuration: .seconds(20), maxIterations: 30)) {
        benchmark in
        let path = "/tmp/mlops-bench-1m-50-f32.npy"
        var rng = SeededRandom(seed: 3)
        let rows = 1_000_000, columns = 50
        let m = try Matrix<Float>(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in rng.nextFloat() })
        try m.writeNPY(toFile: path)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Matrix<Float>(contentsOfNPYFile: path))
        }
        benchmark.stopMeasurement()
    }

    Benchmark("CSV parse 200k x 50", configuration: .init(maxDuration: .seconds(20), maxIterations: 10)) {
        benchmark in
        let path = "/tmp/mlops-bench-200k-50.csv"
        var rng = SeededRandom(seed: 4)
        let rows = 200_000, columns = 50
        let values = (0..<(rows * columns)).map { _ in rng.nextDouble() < 0.05 ? Double.nan : rng.nextNormal() }
        let m = try Matrix<Double>(rows: rows, columns: columns, elements: values)
        try CSVWriter().write(m, columnNames: (0..<columns).map { "f\($0)" }, to: path)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try CSVReader().read(contentsOf: path))
        }
        benchmark.stopMeasurement()
    }

    gemmBenchmark("gemm 1024 Double", n: n, seed: 1) { $0.nextDouble() }
    gemmBenchmark("gemm 1024 Float", n: n, seed: 2) { $0.nextFloat() }
}
