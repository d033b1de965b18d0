import ArgumentParser
import MLMetrics

/// `--scores PATH`: a model's scores of some rows, binary (`score`) or class probabilities.
struct ScoresFileOption: ParsableArguments {
    @Option(help: "Scores: CSV with a column 'score', or 'p0'..'pK-1'.")
    var scores: String

    /// The score columns.
    func read() throws -> ScoreColumns { try ScoreColumns.read(contentsOf: scores) }
}
