import ArgumentParser
import MLFeatures

/// `mlctl data check --input t.csv --tests tests.yaml [--now T] [--json]`: runs a
/// ``DataCheckSuite`` on a CSV file (exit 1 when a check fails at error level).
struct DataCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run a YAML tests file on a CSV file; exit 0 passed (warnings allowed), 1 an error-level failure, 2 bad input.",
        discussion: """
            Tests: row_count {min, max}; per column not_null, unique, accepted_values {values}, range {min, max}, \
            relationships {to: file.csv, field} (relative to the tests file); freshness {column, warn_after, error_after} \
            with ages like 2d or 36h; leakage rules label_after_period {label_time, period_end, max_delay} and \
            future {column, tolerance}. Each takes severity: warn or error (default). Rows are 1-based data rows \
            (the header is not counted). Reference: Docs/DataChecks.md.
            """
    )

    @Option(help: "The CSV file to check (with a header).")
    var input: String

    @Option(help: "The YAML tests file.")
    var tests: String

    @Option(help: "The instant ages are measured against (ISO-8601 or epoch seconds; default: the system clock).")
    var now: String?

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let report: DataCheckReport
        do {
            let suite = try DataCheckSuite.load(contentsOf: tests)
            let clock = try now.map { try DataCheckClock(parsing: $0) } ?? .system
            report = try suite.run(onFile: input, clock: clock)
        } catch let error as FeatureError {
            throw InputError(error.description)
        }
        try jsonOutput.emit(report) { Self.printText(report) }
        if !report.passed {
            let failed = report.failures.filter { $0.status == .error }.map { "\($0.name) \($0.column ?? "")" }
            throw CheckFailed(summary: jsonOutput.json ? "" : failed.joined(separator: ", "))
        }
    }

    /// The results as a table, the failing checks' example rows, and a summary line.
    static func printText(_ report: DataCheckReport) {
        TextTable.print(
            ["check", "column", "severity", "status", "failing", "message"],
            report.results.map {
                [$0.name, $0.column ?? "-", $0.severity.rawValue, $0.status.rawValue, "\($0.failingRows)", $0.message]
            })
        for failure in report.failures where !failure.examples.isEmpty {
            print("\(failure.name) \(failure.column ?? ""): \(failure.examplesText)")
        }
        print(report.summary)
    }
}
