import ArgumentParser

/// `mlctl calibrate fit|apply|verify`.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit, apply and verify probability calibrators (isotonic, sigmoid, per class, temperature).",
        subcommands: [CalibrateFitCommand.self, CalibrateApplyCommand.self, CalibrateVerifyCommand.self]
    )
}
