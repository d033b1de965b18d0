import ArgumentParser
import MLCore
import MLDrift

/// `--baseline B --current C`: the data `drift check` compares.
struct DriftInputs: ParsableArguments {
    @Option(help: "Baseline: a profile (.json) or a CSV file with a header row.")
    var baseline: String

    @Option(help: "Current data: a CSV file with a header row.")
    var current: String

    /// The drift of the current data from the baseline found by `detector`, with the SHA-256 of the
    /// files compared (of the baseline only when it is data: a profile records its data's own).
    func compare(with detector: DriftDetector, columns: [String]?) throws -> DriftReport {
        let base = try DriftBaseline.load(contentsOf: baseline)
        let currentTable = try CSVReader().read(contentsOf: current)
        var result = try detector.compare(baseline: base, current: currentTable, columns: columns)
        if case .data = base { result.baselineSHA256 = try FileDigest.sha256Hex(ofFileAt: baseline) }
        result.currentSHA256 = try FileDigest.sha256Hex(ofFileAt: current)
        return result
    }
}
