import ArgumentParser
import MLValidation

/// The limits and latency settings of `validate-export`.
struct ExportLimitOptions: ParsableArguments {
    @Option(help: "Largest allowed relative drop of ROC-AUC and PR-AUC.")
    var maxMetricDrop = 0.02

    @Option(help: "Largest allowed p95 latency overhead of the candidate.")
    var maxLatencyOverhead = 0.05

    @OptionGroup var parity: ScoreParityOptions

    @OptionGroup var latency: LatencyMeasurement

    /// The export validation these options configure, checked.
    func validation() throws -> ExportValidation {
        let validation = ExportValidation(
            maximumMetricDrop: maxMetricDrop, maximumLatencyOverhead: maxLatencyOverhead,
            maximumAbsoluteDifference: parity.maxAbsDiff, threshold: parity.threshold, latency: latency.comparison)
        try validation.validateConfiguration()
        return validation
    }
}
