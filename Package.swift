// swift-tools-version: 6.1
// swift-mlops: the MLOps SDK for Swift services on Linux. Module layout: Docs/Architecture.md.
import PackageDescription

/// The package dependencies: each one's URL, lowest version, and the products of it that the targets use.
let packageDependencies: KeyValuePairs<String, (from: Version, products: [String])> = [
    "https://github.com/apple/swift-argument-parser": ("1.8.2", ["ArgumentParser"]),
    "https://github.com/apple/swift-crypto": ("3.12.3", ["Crypto"]),
    "https://github.com/groue/GRDB.swift": ("7.10.0", ["GRDB"]),
    "https://github.com/apple/swift-protobuf": ("1.39.0", ["SwiftProtobuf"]),
    "https://github.com/jpsim/Yams": ("6.2.2", ["Yams"]),
    "https://github.com/apple/swift-metrics": ("2.13.0", ["Metrics"]),
    "https://github.com/hummingbird-project/hummingbird": (
        "2.28.1", ["Hummingbird", "HummingbirdCore", "HummingbirdTesting"]
    ),
    "https://github.com/swift-server/swift-prometheus": ("2.4.1", ["Prometheus"]),
    "https://github.com/swift-server/swift-service-lifecycle": ("2.13.0", ["ServiceLifecycle"]),
    "https://github.com/HdrHistogram/hdrhistogram-swift": ("0.2.0", ["Histogram"]),
    "https://github.com/apple/swift-log": ("1.16.2", ["Logging"]),
    "https://github.com/apple/swift-nio": ("2.81.0", ["NIOCore", "NIOHTTP1"]),
    "https://github.com/apple/swift-nio-extras": ("1.34.1", ["NIOHTTPTypes"]),
]

/// The product `name` of the package dependency that lists it above; SwiftPM names a package
/// dependency by the last component of its URL.
func product(_ name: String) -> Target.Dependency {
    guard let url = packageDependencies.first(where: { $0.value.products.contains(name) })?.key else {
        fatalError("Package.swift: no package dependency lists the product \(name)")
    }
    return .product(name: name, package: String(url.split(separator: "/").last!))
}

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
        .library(name: "MLFeatures", targets: ["MLFeatures"]),
        .library(name: "MLTraining", targets: ["MLTraining"]),
        .library(name: "MLRegistry", targets: ["MLRegistry"]),
        .library(name: "MLServe", targets: ["MLServe"]),
        .library(name: "MLTesting", targets: ["MLTesting"]),
        .library(name: "MLServeHTTP", targets: ["MLServeHTTP"]),
        .executable(name: "mlctl", targets: ["mlctl"]),
    ],
    dependencies: packageDependencies.map { .package(url: $0.key, from: $0.value.from) },
    targets: [
        // MARK: Libraries
        .systemLibrary(
            name: "CLinearAlgebra",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "MLCore", dependencies: ["CLinearAlgebra", product("Crypto")]),
        .target(
            name: "MLModels", dependencies: ["MLCore", product("SwiftProtobuf")], exclude: ["ONNX/Generated/README.md"]
        ),
        .target(name: "MLMetrics", dependencies: ["MLCore"]),
        .target(name: "MLCalibration", dependencies: ["MLMetrics", "MLCore"]),
        .target(name: "MLDrift", dependencies: ["MLMetrics", "MLCore", product("Yams"), product("Crypto")]),
        .target(name: "MLFeatures", dependencies: ["MLCore", product("Yams"), product("GRDB")]),
        .target(name: "MLRegistry", dependencies: ["MLCore", product("GRDB"), product("Crypto")]),
        .target(name: "MLValidation", dependencies: ["MLCore", "MLModels", "MLMetrics", product("Yams")]),
        .target(name: "MLTraining", dependencies: ["MLCore", "MLModels", product("Yams")]),
        .target(
            name: "MLServe",
            dependencies: [
                "MLModels", "MLCalibration", "MLRegistry", product("Yams"), product("Metrics"), product("Crypto"),
            ]
        ),
        .target(
            name: "MLTesting",
            dependencies: [
                "MLCore", "MLRegistry", "MLServe", "MLServeHTTP",  // MLServe…: the serving harness
                product("Prometheus"), product("ServiceLifecycle"), product("Logging"),
            ]
        ),
        .target(
            name: "MLServeHTTP",
            dependencies: [
                "MLServe",
                product("Hummingbird"), product("Prometheus"), product("Metrics"), product("ServiceLifecycle"),
                product("Logging"), product("NIOCore"), product("NIOHTTPTypes"), product("NIOHTTP1"),
                product("HummingbirdCore"),
            ]
        ),

        // MARK: Tools behind mlctl (targets, not products: `import MLServe`/`MLServeHTTP` pull none of them)
        .target(
            name: "MLLoadTest",
            dependencies: ["MLCore", "MLServe", product("Histogram")]
        ),
        .target(name: "MLBenchmarkSupport", dependencies: ["MLCore", "MLModels", "MLRegistry", "MLFeatures", "MLValidation", "MLTraining"]),

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
                "MLFeatures",
                "MLRegistry",
                "MLServe",
                "MLServeHTTP",
                "MLLoadTest",
                "MLTraining",
                "MLBenchmarkSupport",
                product("ArgumentParser"), product("Prometheus"),
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
        .executableTarget(name: "QuantFeatures", dependencies: ["MLFeatures", "MLCore"], path: "Examples/QuantFeatures"),
        .executableTarget(
            name: "FraudQuickstart",
            dependencies: [
                "MLTraining", "MLModels", "MLValidation", "MLMetrics", "MLCalibration", "MLRegistry", "MLServe", "MLDrift", "MLCore",
            ],
            path: "Examples/FraudQuickstart"),
        .executableTarget(
            name: "QuantResearch", dependencies: ["MLFeatures", "MLValidation", "MLCore"], path: "Examples/QuantResearch"),
        .executableTarget(
            name: "CustomerProfiles", dependencies: ["MLFeatures", "MLCore"], path: "Examples/CustomerProfiles"
        ),

        // MARK: Tests
        .testTarget(name: "MLCoreTests", dependencies: ["MLCore", "MLTesting"]),
        .testTarget(name: "MLModelsTests", dependencies: ["MLModels", "MLTesting"]),
        .testTarget(name: "MLMetricsTests", dependencies: ["MLMetrics", "MLCore", "MLTesting"]),
        .testTarget(name: "MLCalibrationTests", dependencies: ["MLCalibration", "MLMetrics", "MLCore", "MLTesting"]),
        .testTarget(
            name: "MLValidationTests",
            dependencies: [
                "MLValidation", "MLModels", "MLMetrics", "MLCalibration", "MLCore", "MLRegistry", "MLTesting", "QuantResearch",
            ]
        ),
        .testTarget(name: "MLTrainingTests", dependencies: ["MLTraining", "MLModels", "MLCore", "MLTesting", "mlctl", "FraudQuickstart"]),
        .testTarget(
            name: "MLFeaturesTests",
            dependencies: [
                "MLFeatures", "MLCore", "MLTesting", "mlctl", "QuantFeatures", "CustomerProfiles",
                product("GRDB"),  // to damage a store file the way another writer could
            ]
        ),
        .testTarget(name: "MLServeTests", dependencies: ["MLServe", "MLModels", "MLRegistry", "MLTesting"]),
        .testTarget(name: "MLDriftTests", dependencies: ["MLDrift", "MLMetrics", "MLCore", "MLTesting", "mlctl", "DriftCron"]),
        .testTarget(
            name: "MLRegistryTests",
            dependencies: [
                "MLRegistry", "MLTesting",
                // Only to tamper with registry files the way an attacker with the file would.
                product("GRDB"),
            ]
        ),
        .testTarget(
            name: "MLServeHTTPTests",
            dependencies: [
                "MLServeHTTP", "MLServe", "MLRegistry", "MLTesting", "MLCore",
                product("Prometheus"), product("HummingbirdTesting"), product("ServiceLifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
