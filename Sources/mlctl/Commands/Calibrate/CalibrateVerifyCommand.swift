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

    @OptionGroup var calibrator: CalibratorFileOption

    @OptionGroup var heldOut: HeldOutScores

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let verification = try CalibratorVerification(calibrator: calibrator.calibrator, heldOut: try heldOut.read())
        try jsonOutput.emit(verification) { print(verification.text) }
        if !verification.passed {
            throw CheckFailed(summary: verification.integrity.passed ? "the calibration gate refused the calibrator" : verification.integrity.message)
        }
    }
}
