import ArgumentParser

/// `[--max-abs-diff D] [--threshold T]`: how the candidate's scores are compared row by row with
/// the reference's.
struct ScoreParityOptions: ParsableArguments {
    @Option(help: "Largest allowed absolute score difference (default: reported only).")
    var maxAbsDiff: Double?

    @Option(help: "Decision threshold for counting flips.")
    var threshold = 0.5
}
