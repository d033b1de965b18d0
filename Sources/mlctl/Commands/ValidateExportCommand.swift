import ArgumentParser
import MLMetrics
import MLValidation

/// `mlctl validate-export --reference REF --candidate CAND --data X --labels y [limits] [--json] [--markdown out.md]`.
struct ValidateExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-export",
        abstract: "Check an exported model against its source: score parity, metric deltas, latency overhead.",
        discussion: """
            REF and CAND are model files (XGBoost JSON/UBJSON, LightGBM text, ONNX; format from the content) \
            or, for REF, a CSV of the training framework's predictions ('prob', 'score' or 'p0..pK-1'). Fails \
            (exit 1) when ROC-AUC or PR-AUC drops by more than --max-metric-drop (relative), the p95 single-row \
            latency overhead exceeds --max-latency-overhead (measured side by side in this process; skipped for \
            a predictions file), or the largest score difference exceeds --max-abs-diff. Prints the Markdown \
            table (or JSON with --json). Unreadable input is exit 2.
            """
    )

    @Option(help: "The reference: the source model, or a CSV of its predictions on --data.")
    var reference: String

    @Option(help: "The candidate: the exported model.")
    var candidate: String

    @Option(help: "Features: CSV with a header row, or a 2-D .npy.")
    var data: String

    @Option(help: "Labels of the rows: CSV with a column 'y'.")
    var labels: String

    @OptionGroup var limits: ExportLimitOptions

    @Option(help: "Also write the Markdown table here (for a PR comment).")
    var markdown: String?

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let validation = try limits.validation()
        let ref = try ExportSubject.load(reference)
        let cand = try ExportSubject.load(candidate)
        let features = try DataFiles.readFeatures(path: data)
        let y = try LabelColumn.read(contentsOf: labels)
        guard y.count == features.rows else {
            throw InputError("\(labels) has \(y.count) labels but \(data) has \(features.rows) rows")
        }
        let report = try validation.validate(reference: ref, candidate: cand, features: features, labels: y)
        if let markdown { try TextFile.write(report.markdown, to: markdown) }
        try jsonOutput.emit(report) { print(report.markdown, terminator: "") }
        if !report.passed {
            throw CheckFailed(summary: "export validation failed: " + report.failed.joined(separator: ", "))
        }
    }
}
