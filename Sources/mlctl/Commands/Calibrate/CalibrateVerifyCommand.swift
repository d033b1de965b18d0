import ArgumentParser
import MLCalibration
import MLMetrics
import MLValidation

/// `mlctl calibrate verify --calibrator cal.json [--scores s.csv --labels y.csv] [--json]`.
struct CalibrateVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a calibrator file, and on held-out data the calibration gate.",
        discussion: """
            Integrity: content hash, monotone knots, outputs in [0, 1]. With --scores and --labels (held-out, \
            not the fitting rows): ECE must drop and Brier score and log loss must not rise. Exit 0 ok, 1 a \
            check failed, 2 the file is missing or unreadable.
            """
    )

    @Option(help: "The calibrator (JSON from 'calibrate fit').")
    var calibrator: String

    @Option(help: "Held-out scores for the gate.")
    var scores: String?

    @Option(help: "Held-out labels for the gate.")
    var labels: String?

    @OptionGroup var jsonOutput: JSONOutput

    func validate() throws {
        if (scores == nil) != (labels == nil) { throw ValidationError("--scores and --labels go together") }
    }

    func run() throws {
        var heldOut: LabeledScores?
        if let scores, let labels { heldOut = try LabeledScores.read(labels: labels, scores: scores) }
        let verification = try CalibratorVerification(calibrator: calibrator, heldOut: heldOut)
        try jsonOutput.emit(verification) { print(verification.text) }
        if !verification.passed {
            throw CheckFailed(summary: verification.integrity.passed ? "the calibration gate refused the calibrator" : verification.integrity.message)
        }
    }
}
