import ArgumentParser
import MLCalibration
import MLMetrics
import MLValidation

/// `mlctl calibrate apply --calibrator cal.json --scores s.csv --output out.csv`.
struct CalibrateApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a calibrator to scores.",
        discussion: """
            Binary scores: writes the columns 'score,calibrated'. Class probabilities: writes the calibrated \
            'p0..pK-1'. The calibrator is verified when it is read (a tampered or invalid file is exit 2).
            """
    )

    @OptionGroup var calibrator: CalibratorFileOption

    @OptionGroup var scores: ScoresFileOption

    @Option(help: "Where to write the calibrated scores (.csv, or .npy).")
    var output: String

    func run() throws {
        let stored = try calibrator.read()
        let (names, values) = try CalibratorFile.apply(stored, to: try scores.read())
        try DataFiles.writeTable(path: output, header: names, rows: values.rows, values: values.elements)
    }
}
