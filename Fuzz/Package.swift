// swift-tools-version: 6.1
// Fuzz targets for swift-mlops (libFuzzer + AddressSanitizer): every parser that reads
// untrusted bytes. A separate package so library users never build it. `scripts/fuzz.sh`
// builds and runs them (CI runs each for a bounded time; `scripts/fuzz.sh --seconds N` longer):
//
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address
//   .build/debug/XGBoostJSONFuzzer -rss_limit_mb=2048 -timeout=10 -max_total_time=60 NEW_CORPUS/ Seeds/XGBoostJSONFuzzer/
//
// Seeds/<Target>/ holds the committed seed corpora; libFuzzer writes the inputs it finds into
// the first folder named (keep that one outside the repository, or under the ignored Corpus/).
// Each executable's `main` hands control to libFuzzer's `LLVMFuzzerRunDriver` (FuzzSupport);
// a plain `swift build` (without the fuzzer runtime) does not link, by design. Debug builds
// compile the library with testability, which the targets over internal parsers rely on.
import PackageDescription

/// The swift-mlops products `names`.
func mlops(_ names: [String]) -> [Target.Dependency] {
    names.map { .product(name: $0, package: "swift-mlops") }
}

/// One libFuzzer executable over the swift-mlops products (and any other products) it needs.
func fuzzTarget(_ name: String, _ products: [String], other: [Target.Dependency] = []) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + mlops(products) + other)
}

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
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"] + mlops(["MLCore", "MLModels"])),
        fuzzTarget("XGBoostJSONFuzzer", ["MLModels"]),
        fuzzTarget("XGBoostUBJSONFuzzer", ["MLModels"]),
        fuzzTarget("LightGBMFuzzer", ["MLModels"]),
        fuzzTarget("NativeModelFuzzer", ["MLModels"]),
        fuzzTarget("ONNXModelFuzzer", ["MLCore", "MLModels"]),
        fuzzTarget("ScoreBodyFuzzer", ["MLServeHTTP"]),
        fuzzTarget("ServeConfigFuzzer", ["MLServe"]),
        fuzzTarget("CSVFuzzer", ["MLCore"]),
        fuzzTarget("NPYFuzzer", ["MLCore"]),
        fuzzTarget("FeaturesFuzzer", ["MLCore", "MLFeatures"]),
        fuzzTarget("FeatureStoreFuzzer", ["MLCore", "MLFeatures"]),
        fuzzTarget("BacktestFuzzer", ["MLCore", "MLValidation"]),
        fuzzTarget("TrainingFuzzer", ["MLCore", "MLModels", "MLTraining"]),
        // The raw HTTP/1 framer against swift-nio's decoder (differential).
        fuzzTarget(
            "RawFramerDifferentialFuzzer", ["MLServeHTTP"],
            other: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
