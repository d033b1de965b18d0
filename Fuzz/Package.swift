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
        .package(name: "swift-mlops", path: "..")
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
    ],
    swiftLanguageModes: [.v6]
)
