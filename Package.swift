// swift-tools-version: 6.1
// swift-mlops: the MLOps SDK for Swift services on Linux. Module layout: Docs/Architecture.md.
import PackageDescription

let package = Package(
    name: "swift-mlops",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MLCore", targets: ["MLCore"]),
        .library(name: "MLMetrics", targets: ["MLMetrics"]),
        .library(name: "MLCalibration", targets: ["MLCalibration"]),
        .library(name: "MLDrift", targets: ["MLDrift"]),
        .library(name: "MLTesting", targets: ["MLTesting"]),
        .executable(name: "mlctl", targets: ["mlctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLinearAlgebra",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(
            name: "MLCore",
            dependencies: [
                "CLinearAlgebra",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "MLMetrics", dependencies: ["MLCore"]),
        .target(
            name: "MLCalibration",
            dependencies: [
                "MLMetrics",
                "MLCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "MLDrift",
            dependencies: [
                "MLMetrics",
                "MLCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "MLTesting", dependencies: ["MLCore"]),
        .executableTarget(
            name: "mlctl",
            dependencies: [
                "MLCore",
                "MLDrift",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "DriftCron",
            dependencies: ["MLDrift", "MLCore"],
            path: "Examples/DriftCron"
        ),
        .testTarget(name: "MLCoreTests", dependencies: ["MLCore", "MLTesting"]),
        .testTarget(name: "MLMetricsTests", dependencies: ["MLMetrics", "MLCore", "MLTesting"]),
        .testTarget(name: "MLCalibrationTests", dependencies: ["MLCalibration", "MLMetrics", "MLCore", "MLTesting"]),
        .testTarget(name: "MLDriftTests", dependencies: ["MLDrift", "MLMetrics", "MLCore", "MLTesting", "mlctl", "DriftCron"]),
    ],
    swiftLanguageModes: [.v6]
)
