import ArgumentParser
import MLValidation

/// The limits and latency settings of `validate-export`.
struct ExportLimitOptions: ParsableArguments {
    @Option(help: "Largest allowed relative drop of ROC-AUC and PR-AUC.")
    var maxMetricDrop = 0.02

    @Option(help: "Largest allowed p95 latency overhead of the candidate.")
    var maxLatencyOverhead = 0.05

    @Option(help: "Largest allowed absolute score difference (default: reported only).")
    var maxAbsDiff: Double?

    @Option(help: "Decision threshold for counting flips.")
    var threshold = 0.5

    @Option(help: "Interleaved latency rounds (the median p95 is compared).")
    var latencyRounds = 9

    @Flag(help: "Skip the latency measurement.")
    var noLatency = false

    /// The export validation these options configure, checked.
    func validation() throws -> ExportValidation {
        let validation = ExportValidation(
            maximumMetricDrop: maxMetricDrop, maximumLatencyOverhead: maxLatencyOverhead, maximumAbsoluteDifference: maxAbsDiff,
            threshold: threshold, latency: noLatency ? nil : LatencyComparison(rounds: latencyRounds))
        try validation.validateConfiguration()
        return validation
    }
}
