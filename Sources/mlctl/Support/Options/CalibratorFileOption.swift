import ArgumentParser
import MLCalibration

/// `--calibrator PATH`: a calibrator file written by `calibrate fit`.
struct CalibratorFileOption: ParsableArguments {
    @Option(help: "The calibrator (JSON from 'calibrate fit').")
    var calibrator: String

    /// The calibrator, verified as it is read.
    func read() throws -> StoredCalibrator { try CalibratorFile.read(contentsOf: calibrator) }
}
