import ArgumentParser
import MLCalibration
import MLMetrics
import MLValidation

extension CalibrationMethod: ExpressibleByArgument {}

/// `mlctl calibrate fit --method isotonic|sigmoid [--per-class] --scores s.csv --labels y.csv --output cal.json`.
struct CalibrateFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a calibrator on held-out scores and labels and write it as JSON.",
        discussion: """
            Binary scores ('score', or 'p1' of a 'p0,p1' file) get one calibrator; class probabilities \
            ('p0..pK-1', K >= 3) get one per class, renormalised to sum 1 (--per-class), or a temperature. \
            Isotonic calibration with fewer than 1,000 rows of some class is refused (exit 2) unless \
            --allow-small-sample is given.
            """
    )

    @Option(help: "isotonic, sigmoid, or temperature (class probabilities only).")
    var method: CalibrationMethod

    @Flag(help: "One calibrator per class (implied by class-probability scores).")
    var perClass = false

    @OptionGroup var heldOut: LabeledScoresOptions

    @Option(help: "Where to write the calibrator (JSON).")
    var output: String

    @Flag(help: "Fit isotonic calibration on fewer than 1,000 samples per class.")
    var allowSmallSample = false

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let data = try heldOut.read()
        if perClass, case .binary = data.scores {
            throw InputError("--per-class needs class probabilities p0..pK-1 (K >= 3); \(heldOut.scores) holds binary scores")
        }
        let calibrator: StoredCalibrator
        do {
            calibrator = try CalibrationFitting(method: method, allowSmallSample: allowSmallSample).fit(data)
        } catch let error as CalibrationError where error.code == .smallSample {
            throw InputError(
                "isotonic calibration refused: \(error.message.replacing(" (set allowSmallSample to override)", with: "")); "
                    + "pass --allow-small-sample to fit anyway (isotonic over-fits small samples)")
        }
        try CalibratorFile.write(calibrator, to: output)
        let summary = FitSummary(output: output, kind: calibrator.kind, content_hash: calibrator.contentHash, rows: data.labels.count)
        try jsonOutput.emit(summary) {
            print("wrote \(calibrator.kind) calibrator to \(output) (\(data.labels.count) rows, content hash \(calibrator.contentHash))")
        }
    }
}

/// What `calibrate fit --json` prints.
private struct FitSummary: Encodable {
    let output: String
    let kind: String
    let content_hash: String
    let rows: Int
}
