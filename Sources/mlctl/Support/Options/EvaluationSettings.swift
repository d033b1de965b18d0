import ArgumentParser
import MLMetrics
import MLValidation

/// `--threshold T --bins N`: how `evaluate` counts threshold metrics and bins the calibration error.
struct EvaluationSettings: ParsableArguments {
    @Option(help: "Binary decision threshold (score >= threshold is positive).")
    var threshold = 0.5

    @Option(help: "Equal-width bins of the expected calibration error.")
    var bins = 10

    /// The metrics of `scored` with these settings.
    func evaluate(_ scored: LabeledScores) throws -> EvaluationReport {
        try EvaluationReport(scored, threshold: threshold, binCount: bins)
    }
}
