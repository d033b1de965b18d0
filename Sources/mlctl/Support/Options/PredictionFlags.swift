import ArgumentParser
import MLModels

/// `--raw` and `--threads N`: what `predict` and `bench predict` compute, and on how many threads.
struct PredictionFlags: ParsableArguments {
    @Flag(help: "Raw margins (before the link function) instead of predictions.")
    var raw = false

    @Option(help: "Worker threads (results are identical for any count).")
    var threads = 1

    func validate() throws {
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// The prediction options these flags select.
    var options: PredictionOptions { PredictionOptions(output: raw ? .rawMargin : .value, threads: threads) }
}
