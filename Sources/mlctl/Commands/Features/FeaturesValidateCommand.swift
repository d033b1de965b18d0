import ArgumentParser
import MLCore
import MLFeatures

/// `mlctl features validate --input ohlcv.csv [--mode report|drop|fail] [--output clean.csv] [--json]`.
struct FeaturesValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check OHLCV bars: missing values, prices, OHLC consistency, volume, timestamps, return outliers.",
        discussion: """
            Each finding names its rows (1-based data rows: row 1 is the line after the header). \
            --mode report (default) lists findings, exit 0; drop also writes --output without the flagged rows; \
            fail exits 1 when anything is found. --json: {"passed", "rows", "mode", "dropped_rows", "findings": \
            [{"kind", "columns", "count", "rows", "rule"}]}.
            """
    )

    struct Finding: Encodable {
        let kind: String
        let columns: [String]
        let count: Int
        let rows: [Int]
        let rule: String
    }

    struct Report: Encodable {
        let passed: Bool
        let rows: Int
        let mode: String
        let dropped_rows: Int
        let findings: [Finding]
    }

    @Option(help: "OHLCV CSV with a header.") var input: String
    @Option(help: "report, drop or fail.") var mode: OHLCVValidator.Mode = .report
    @Option(help: "With --mode drop: where to write the kept rows (CSV, every input column).") var output: String?
    @Option(help: "Robust z-score above which a one-bar return is an outlier.") var outlierLimit: Double = 10
    @OptionGroup var inputColumns: OHLCVColumnOptions
    @OptionGroup var jsonOutput: JSONOutput

    func validate() throws {
        if mode == .drop, output == nil { throw ValidationError("--mode drop needs --output") }
        if mode != .drop, output != nil { throw ValidationError("--output is only written with --mode drop") }
    }

    func run() throws {
        let validator = try OHLCVValidator(outlierLimit: outlierLimit)
        let table = try CSVReader().read(contentsOf: input)
        let outcome = try validator.run(try OHLCVBars(table: table, names: inputColumns.names), table: table, mode: mode)
        if let cleaned = outcome.cleaned, let output { try CSVWriter().write(cleaned, to: output) }
        let findings = outcome.report.findings
        let report = Report(
            passed: outcome.report.passed, rows: outcome.report.rowCount, mode: mode.rawValue,
            dropped_rows: outcome.cleaned.map { outcome.report.rowCount - $0.rowCount } ?? 0,
            findings: findings.map {
                Finding(kind: $0.kind.rawValue, columns: $0.columns, count: $0.count, rows: $0.rowNumbers, rule: $0.rule)
            })
        try jsonOutput.emit(report) {
            if findings.isEmpty { print("passed: \(report.rows) rows, no findings") }
            else {
                TextTable.print(
                    ["finding", "rows", "first rows", "rule"],
                    findings.map { f in
                        [f.kind.rawValue, "\(f.count)", f.rowNumbers.prefix(8).map(String.init).joined(separator: ",")
                            + (f.count > 8 ? ",…" : ""), f.rule]
                    })
            }
            if mode == .drop, let output { print("dropped \(report.dropped_rows) of \(report.rows) rows; wrote \(output)") }
        }
        if outcome.failed {
            throw CheckFailed(summary: "\(findings.count) kind(s) of problem in \(outcome.report.flaggedRowNumbers.count) row(s)")
        }
    }
}

extension OHLCVValidator.Mode: ExpressibleByArgument {}
