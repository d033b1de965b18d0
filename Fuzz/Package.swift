// swift-tools-version: 6.1
// Fuzz targets for swift-mlops' model loaders (libFuzzer). A separate package so library
// users never build it. Build and run (from this folder):
//
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address
//   mkdir -p Corpus
//   .build/debug/ModelLoaderFuzzer -max_total_time=120 Corpus/ ../Tests/Fixtures/models/*/ ../Tests/Fixtures/models-extra/*/
//
// (New inputs go to Corpus/, seeded by the fixture folders, whose model files are the seeds.)
// The ONNX executor has its own target, seeded by the ONNX fixtures:
//
//   .build/debug/ONNXLoaderFuzzer -max_total_time=120 -max_len=200000 CorpusONNX/ ../Tests/Fixtures/models/onnx_*/
// The executable's `main` hands control to libFuzzer's `LLVMFuzzerRunDriver`; a plain
// `swift build` (without the fuzzer runtime) does not link, by design.
import PackageDescription

let package = Package(
    name: "swift-mlops-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-mlops", path: ".."),
        // The main package's own requirement; resolution uses the same copy.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "ModelLoaderFuzzer",
            dependencies: ["CFuzzerDriver", .product(name: "MLModels", package: "swift-mlops")]
        ),
        .executableTarget(
            name: "ONNXLoaderFuzzer",
            dependencies: ["CFuzzerDriver", .product(name: "MLModels", package: "swift-mlops")]
        ),
        // The raw HTTP/1 framer against swift-nio's decoder (differential; `@testable`, so debug
        // builds only), seeded by Corpus/RawFramerDifferentialFuzzer:
        //   .build/debug/RawFramerDifferentialFuzzer -max_total_time=300 -rss_limit_mb=2048 -timeout=10 \
        //       CorpusRaw/ Corpus/RawFramerDifferentialFuzzer/
        .executableTarget(
            name: "RawFramerDifferentialFuzzer",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "MLServeHTTP", package: "swift-mlops"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
