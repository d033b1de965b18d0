import ArgumentParser
import MLBenchmarkSupport
import MLFeatures

/// `mlctl bench features --set technical-v1 --input ohlcv.csv [--repeats N] [--json]` (W6).
struct BenchFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Time a feature set over OHLCV bars in memory: batch (median of --repeats) and one streaming pass.",
        discussion: "CSV parsing is not timed. --json prints the FeatureBenchmark fields."
    )

    @Option(name: .customLong("set"), help: "Feature set name.") var setName = "technical-v1"
    @Option(help: "OHLCV CSV with a header.") var input: String
    @Option(help: "Timed batch computations.") var repeats = 10
    @Option(help: "Threads of the batch computation (the input hash and two halves of the features run concurrently).")
    var threads = 1
    @OptionGroup var inputColumns: OHLCVColumnOptions
    @OptionGroup var jsonOutput: JSONOutput

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let set = try FeatureSet.named(setName)
        let bars = try OHLCVBars(contentsOfCSV: input, names: inputColumns.names)
        let result = FeatureBenchmark.run(set: set, bars: bars, threads: threads, repeats: repeats)
        try jsonOutput.emit(result) {
            print("\(result.set): \(result.bars) bars × \(result.features) features, \(result.threads) thread(s)")
            print("batch: median \(result.batchSecondsMedian) s (min \(result.batchSecondsMin) s), "
                + "\(Int(Double(result.bars) / result.batchSecondsMedian)) bars/s")
            print("streaming: \(result.streamSeconds) s, \(result.streamSeconds / Double(max(1, result.bars)) * 1e9) ns/bar")
            print("checksum \(result.checksum)")
        }
    }
}
