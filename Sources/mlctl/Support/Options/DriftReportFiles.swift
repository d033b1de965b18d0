import ArgumentParser
import FoundationEssentials
import MLDrift

/// `[--report d.html] [--prometheus d.prom]`: the files a drift check also writes its result to.
struct DriftReportFiles: ParsableArguments {
    @Option(help: "Write a self-contained HTML report here.")
    var report: String?

    @Option(help: "Write Prometheus text (node-exporter textfile collector) here, atomically.")
    var prometheus: String?

    /// Writes `result` to the files given; the HTML report's title names the `current` data.
    func write(_ result: DriftReport, current: String) throws {
        if let report {
            try result.writeHTML(to: report, title: "Drift report: \(current)")
        }
        if let prometheus {
            try result.writePrometheus(to: prometheus, timestamp: Date().timeIntervalSince1970)
        }
    }
}
