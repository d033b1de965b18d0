import ArgumentParser
import MLDrift

/// `mlctl drift [check] --baseline B --current C …`: the drift check (exit 1 on drift).
struct DriftCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare current data with a baseline; exit 0 no drift, 1 drift, 2 bad input.",
        discussion: """
            A baseline ending in .json is a profile (from 'mlctl drift snapshot'): PSI and JS on its bins, \
            KS and Wasserstein on its 10,000-value sample. Otherwise it is a CSV file and every statistic uses all rows. \
            Verdict: a column drifts when its KS (numeric) or chi-square (categorical) p-value is below 0.05/m \
            (Bonferroni over the m columns) and PSI ≥ 0.25 or JS distance ≥ 0.1 or W1/σ ≥ 0.1; \
            the dataset drifts when at least half the columns drift. Change it with --config (see Docs/Drift.md). \
            --json prints per-column statistics (columns.<name>) and the verdict.
            """
    )

    @OptionGroup var inputs: DriftInputs

    @Option(help: "YAML configuration (thresholds, correction, drift share, per-column settings).")
    var config: String?

    @OptionGroup var columns: ColumnSelection

    @OptionGroup var jsonOutput: JSONOutput

    @OptionGroup var files: DriftReportFiles

    @Option(help: "Threads (default: all processors).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let configuration = try config.map { try DriftConfiguration.load(contentsOf: $0) } ?? DriftConfiguration()
        let detector = DriftDetector(configuration: configuration, maximumThreads: threads)
        let result = try inputs.compare(with: detector, columns: columns.selected)
        try files.write(result, current: inputs.current)
        if jsonOutput.json {
            print(String(decoding: try result.jsonData(), as: UTF8.self))
        } else {
            print(result.textSummary(), terminator: "")
        }
        if result.verdict.driftDetected {
            throw CheckFailed(summary: jsonOutput.json ? "" : "drift in \(result.verdict.driftedColumns.joined(separator: ", "))")
        }
    }
}
