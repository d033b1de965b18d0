// swift-tools-version: 6.1
// Benchmarks for swift-mlops, kept in their own package so library users never resolve
// ordo-one/benchmark. Run: cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
    name: "swift-mlops-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-mlops", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MLCoreBenchmarks",
            dependencies: [
                .product(name: "MLCore", package: "swift-mlops"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MLCoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "MLDriftBenchmarks",
            dependencies: [
                .product(name: "MLCore", package: "swift-mlops"),
                .product(name: "MLDrift", package: "swift-mlops"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MLDriftBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "MLValidationBenchmarks",
            dependencies: [
                .product(name: "MLValidation", package: "swift-mlops"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MLValidationBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
