// swift-tools-version: 6.1
// swift-mlops: the MLOps SDK for Swift services on Linux. Module layout: Docs/Architecture.md.
import PackageDescription

let package = Package(
    name: "swift-mlops",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MLCore", targets: ["MLCore"]),
        .library(name: "MLModels", targets: ["MLModels"]),
        .library(name: "MLTesting", targets: ["MLTesting"]),
        .executable(name: "mlctl", targets: ["mlctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
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
        .target(
            name: "MLModels",
            dependencies: [
                "MLCore",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["ONNX/Generated/README.md"]
        ),
        .target(name: "MLTesting", dependencies: ["MLCore"]),
        .executableTarget(
            name: "mlctl",
            dependencies: [
                "MLCore",
                "MLModels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ScoreModel", dependencies: ["MLCore", "MLModels"], path: "Examples/ScoreModel"),
        .testTarget(name: "MLCoreTests", dependencies: ["MLCore", "MLTesting"]),
        .testTarget(name: "MLModelsTests", dependencies: ["MLModels", "MLTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
