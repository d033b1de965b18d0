import ArgumentParser
import MLMetrics

/// `[--scores s.csv --labels y.csv]`: held-out rows for `calibrate verify`'s calibration gate.
struct HeldOutScores: ParsableArguments {
    @Option(help: "Held-out scores for the gate.")
    var scores: String?

    @Option(help: "Held-out labels for the gate.")
    var labels: String?

    func validate() throws {
        if (scores == nil) != (labels == nil) { throw ValidationError("--scores and --labels go together") }
    }

    /// The held-out labels and scores, or `nil` when they are not given.
    func read() throws -> LabeledScores? {
        guard let scores, let labels else { return nil }
        return try LabeledScores.read(labels: labels, scores: scores)
    }
}
