import ArgumentParser
import MLMetrics
import MLValidation

/// `[--report r.html]`: `evaluate` also writes its metrics and plots as one self-contained HTML page.
struct EvaluationHTMLOption: ParsableArguments {
    @Option(help: "Also write a self-contained HTML report (ROC, PR and reliability plots) here.")
    var report: String?

    /// Writes the report of `evaluation` (of `scored`, read from `scoresPath`) when `--report` is given.
    func write(_ evaluation: EvaluationReport, of scored: LabeledScores, scoresPath: String) throws {
        guard let report else { return }
        let html = try EvaluationHTMLReport(scored, evaluation: evaluation, title: "Evaluation of \(scoresPath)").html
        try TextFile.write(html, to: report)
    }
}
