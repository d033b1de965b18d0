import ArgumentParser
import MLMetrics
import MLValidation

/// `mlctl evaluate --labels y.csv --scores s.csv [--threshold T] [--json] [--report r.html]`.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Classification metrics of scored data, with scikit-learn's definitions and key names.",
        discussion: """
            Labels: column 'y' (0/1, or class indices). Scores: column 'score' (binary), or 'p0..pK-1' \
            (class probabilities; a 'p0,p1' file is binary, scored on 'p1'). Binary threshold metrics count \
            score >= threshold as positive. Bad input (length mismatch, labels not 0/1 for binary scores, NaN \
            scores, empty files) is exit 2.
            """
    )

    @OptionGroup var data: LabeledScoresOptions

    @OptionGroup var settings: EvaluationSettings

    @OptionGroup var html: EvaluationHTMLOption

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let scored = try data.read()
        let evaluation = try settings.evaluate(scored)
        try html.write(evaluation, of: scored, scoresPath: data.scores)
        try jsonOutput.emit(evaluation) { print(evaluation.text) }
    }
}
