import ArgumentParser
import FoundationEssentials
import MLCore
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

    @Option(help: "Baseline: a profile (.json) or a CSV file with a header row.")
    var baseline: String

    @Option(help: "Current data: a CSV file with a header row.")
    var current: String

    @Option(help: "YAML configuration (thresholds, correction, drift share, per-column settings).")
    var config: String?

    @Option(parsing: .upToNextOption, help: "Only these columns (default: every baseline column). Comma-separated or repeated.")
    var columns: [String] = []

    @OptionGroup var jsonOutput: JSONOutput

    @Option(help: "Write a self-contained HTML report here.")
    var report: String?

    @Option(help: "Write Prometheus text (node-exporter textfile collector) here, atomically.")
    var prometheus: String?

    @Option(help: "Threads (default: all processors).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let configuration = try config.map { try DriftConfiguration.load(contentsOf: $0) } ?? DriftConfiguration()
        let base = try DriftBaseline.load(contentsOf: baseline)
        let currentTable = try CSVReader().read(contentsOf: current)
        let selected = columns.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        var result = try DriftDetector(configuration: configuration, maximumThreads: threads)
            .compare(baseline: base, current: currentTable, columns: selected.isEmpty ? nil : selected)
        if case .data = base { result.baselineSHA256 = try FileDigest.sha256Hex(ofFileAt: baseline) }
        result.currentSHA256 = try FileDigest.sha256Hex(ofFileAt: current)
        if let report {
            try result.writeHTML(to: report, title: "Drift report: \(current)")
        }
        if let prometheus {
            try result.writePrometheus(to: prometheus, timestamp: Date().timeIntervalSince1970)
        }
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
