import ArgumentParser
import MLMetrics

/// `--labels y.csv --scores s.csv`: labels and the scores of the same rows.
struct LabeledScoresOptions: ParsableArguments {
    @Option(help: "Labels: CSV with a column 'y' (0/1, or class indices).")
    var labels: String

    @Option(help: "Scores: CSV with a column 'score', or 'p0'..'pK-1'.")
    var scores: String

    /// The labels and scores, checked against each other.
    func read() throws -> LabeledScores { try LabeledScores.read(labels: labels, scores: scores) }
}
