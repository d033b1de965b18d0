import ArgumentParser
import MLMetrics

/// `--labels y.csv --scores s.csv`: labels and the scores of the same rows.
struct LabeledScoresOptions: ParsableArguments {
    @Option(help: "Labels: CSV with a column 'y' (0/1, or class indices).")
    var labels: String

    @OptionGroup var scoresFile: ScoresFileOption

    /// The scores file's path.
    var scores: String { scoresFile.scores }

    /// The labels and scores, checked against each other.
    func read() throws -> LabeledScores { try LabeledScores.read(labels: labels, scores: scores) }
}
