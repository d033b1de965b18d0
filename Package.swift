// swift-tools-version: 6.1
// swift-mlops: the MLOps SDK for Swift services on Linux. Module layout: Docs/Architecture.md.
import PackageDescription

let package = Package(
    name: "swift-mlops",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MLCore", targets: ["MLCore"]),
        .library(name: "MLModels", targets: ["MLModels"]),
        .library(name: "MLMetrics", targets: ["MLMetrics"]),
        .library(name: "MLCalibration", targets: ["MLCalibration"]),
        .library(name: "MLDrift", targets: ["MLDrift"]),
        .library(name: "MLValidation", targets: ["MLValidation"]),
        .library(name: "MLRegistry", targets: ["MLRegistry"]),
        .library(name: "MLServe", targets: ["MLServe"]),
        .library(name: "MLTesting", targets: ["MLTesting"]),
        .library(name: "MLServeHTTP", targets: ["MLServeHTTP"]),
        .executable(name: "mlctl", targets: ["mlctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
    ],
    targets: [
        // MARK: Libraries
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
        .target(
            name: "MLModels",
            dependencies: [
                "MLCore",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["ONNX/Generated/README.md"]
        ),
        .target(name: "MLMetrics", dependencies: ["MLCore"]),
        .target(
            name: "MLCalibration",
            dependencies: [
                "MLMetrics",
                "MLCore",
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
        .target(
            name: "MLRegistry",
            dependencies: [
                "MLCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "MLValidation",
            dependencies: [
                "MLCore",
                "MLModels",
                "MLMetrics",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "MLServe",
            dependencies: [
                "MLModels",
                "MLCalibration",
                "MLRegistry",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "MLTesting",
            dependencies: [
                "MLCore", "MLRegistry", "MLServe", "MLServeHTTP",  // MLServe…: the serving harness
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "MLServeHTTP",
            dependencies: [
                "MLServe",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
            ]
        ),

        // MARK: Tools behind mlctl (targets, not products: `import MLServe`/`MLServeHTTP` pull none of them)
        .target(
            name: "MLLoadTest",
            dependencies: ["MLCore", "MLServe", .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .target(name: "MLBenchmarkSupport", dependencies: ["MLCore", "MLModels", "MLRegistry"]),

        // MARK: Command line
        .executableTarget(
            name: "mlctl",
            dependencies: [
                "MLCore",
                "MLModels",
                "MLMetrics",
                "MLCalibration",
                "MLValidation",
                "MLDrift",
                "MLRegistry",
                "MLServe",
                "MLServeHTTP",
                "MLLoadTest",
                "MLBenchmarkSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        // MARK: Examples (run by tests)
        .executableTarget(
            name: "DriftCron",
            dependencies: ["MLDrift", "MLCore"],
            path: "Examples/DriftCron"
        ),
        .executableTarget(name: "ScoreModel", dependencies: ["MLCore", "MLModels"], path: "Examples/ScoreModel"),
        .executableTarget(
            name: "RegistryLifecycle",
            dependencies: ["MLRegistry"],
            path: "Examples/RegistryLifecycle"
        ),

        .executableTarget(
            name: "CalibrateAndGate",
            dependencies: ["MLCore", "MLMetrics", "MLCalibration", "MLValidation"],
            path: "Examples/CalibrateAndGate"
        ),
        .executableTarget(name: "EmbedScorer", dependencies: ["MLServe"], path: "Examples/EmbedScorer"),

        // MARK: Tests
        .testTarget(name: "MLCoreTests", dependencies: ["MLCore", "MLTesting"]),
        .testTarget(name: "MLModelsTests", dependencies: ["MLModels", "MLTesting"]),
        .testTarget(name: "MLMetricsTests", dependencies: ["MLMetrics", "MLCore", "MLTesting"]),
        .testTarget(name: "MLCalibrationTests", dependencies: ["MLCalibration", "MLMetrics", "MLCore", "MLTesting"]),
        .testTarget(
            name: "MLValidationTests",
            dependencies: ["MLValidation", "MLModels", "MLMetrics", "MLCalibration", "MLCore", "MLTesting"]
        ),
        .testTarget(name: "MLServeTests", dependencies: ["MLServe", "MLModels", "MLRegistry", "MLTesting"]),
        .testTarget(name: "MLDriftTests", dependencies: ["MLDrift", "MLMetrics", "MLCore", "MLTesting", "mlctl", "DriftCron"]),
        .testTarget(
            name: "MLRegistryTests",
            dependencies: [
                "MLRegistry", "MLTesting",
                // Only to tamper with registry files the way an attacker with the file would.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "MLServeHTTPTests",
            dependencies: [
                "MLServeHTTP", "MLServe", "MLRegistry", "MLTesting", "MLCore",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
