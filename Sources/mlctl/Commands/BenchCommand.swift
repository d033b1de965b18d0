import ArgumentParser
import MLBenchmarkSupport
import MLModels

/// `mlctl bench predict --model PATH --input X.npy [--threads N] [--json]`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure in-process performance.",
        subcommands: [
            BenchPredictCommand.self, BenchFeaturesCommand.self, BenchCPCVCommand.self, BenchTrainCommand.self,
            BenchStoreGetCommand.self,
        ]
    )
}

struct BenchPredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Batch rows/s and single-row p50/p99 latency of a model on a feature matrix.",
        discussion: "Times whole-matrix predict calls (median of --repeats) and --calls single-row calls of a prepared scorer."
    )

    @OptionGroup var model: ModelFileOption

    @OptionGroup var input: FeatureInput

    @OptionGroup var prediction: PredictionFlags

    @OptionGroup var timing: TimedCalls

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let result = try PredictionBenchmark.run(
            model: try model.load(), features: try input.read(), options: prediction.options,
            repeats: timing.repeats, singleRowCalls: timing.calls)
        try jsonOutput.emit(result) {
            print("rows \(result.rows), threads \(result.threads)")
            let (median, fastest) = (result.batchSecondsMedian, result.batchSecondsMin)
            print("batch: median \(fixed(median, 6)) s (min \(fixed(fastest, 6)) s), \(Int(result.batchRowsPerSecond)) rows/s")
            let (p50, p99) = (result.singleRowP50Microseconds, result.singleRowP99Microseconds)
            print("single row: p50 \(fixed(p50, 3)) µs, p99 \(fixed(p99, 3)) µs over \(result.singleRowCalls) calls")
            print("checksum \(result.checksum)")
        }
    }
}

/// `x` with `digits` decimals, for human output.
private func fixed(_ x: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", x)
}
