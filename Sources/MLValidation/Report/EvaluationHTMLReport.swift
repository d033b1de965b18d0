import MLCore
import MLMetrics

/// A self-contained HTML page of an evaluation: the metric table, the confusion matrix, and
/// ROC, precision–recall and reliability plots as inline SVG. No scripts, fonts, images or
/// anything else is loaded from outside: the file can be attached to a CI run or mailed.
///
/// Binary scores get one curve per plot (the reliability plot only when every score is in
/// [0, 1]); multiclass probabilities get one one-vs-rest curve per class and a top-label
/// reliability plot. Curves are thinned to at most 1,500 points. All text from the caller
/// (title, file names) is HTML-escaped.
///
/// ```swift
/// let data = try LabeledScores.read(labels: "y.csv", scores: "s.csv")
/// let evaluation = try EvaluationReport(data)
/// try TextFile.write(try EvaluationHTMLReport(data, evaluation: evaluation, title: "fraud v7").html, to: "r.html")
/// ```
public struct EvaluationHTMLReport: Sendable {
    /// The complete HTML document.
    public let html: String

    /// Renders the report of `evaluation`, computed from `data`.
    /// - Parameters:
    ///   - binCount: bins of the reliability plot (default 10).
    /// - Throws: ``EvaluationError`` when the curves cannot be computed from `data` (it should
    ///   be the data `evaluation` was computed from).
    public init(_ data: LabeledScores, evaluation: EvaluationReport, title: String, binCount: Int = 10) throws {
        var body = ""
        var plots: [String] = []
        let subtitle: String
        switch evaluation {
        case .binary(let b):
            guard case .binary(let scores) = data.scores else {
                throw EvaluationError(.invalidArgument, "binary evaluation of multiclass scores")
            }
            subtitle = "Binary classification · \(b.report.count) rows · \(b.report.positiveCount) positive · threshold \(EvaluationReport.show(b.report.threshold))"
            try _MetricInput.wrapping {
                plots.append(Self.rocPlot([("", scores, data.labels.map { $0 == 1 })], auc: [b.report.rocAUC]))
                plots.append(
                    try Self.prPlot(
                        [("", scores, data.labels.map { $0 == 1 })], ap: [b.report.averagePrecision],
                        prevalence: Double(b.report.positiveCount) / Double(max(1, b.report.count))))
                if b.report.logLoss != nil {
                    let diagram = try ReliabilityDiagram(probabilities: scores, labels: data.labels, binCount: binCount)
                    plots.append(Self.reliabilityPlot(diagram, title: "Reliability (ECE \(_Format.fixed(diagram.expectedCalibrationError, 4)))"))
                }
            }
            body += Self.metricTable(b.orderedMetrics)
            let c = b.report.confusion
            body += Self.confusionTable([[c.trueNegatives, c.falsePositives], [c.falseNegatives, c.truePositives]], names: ["0", "1"])
        case .multiclass(let m):
            guard case .multiclass(let matrix) = data.scores else {
                throw EvaluationError(.invalidArgument, "multiclass evaluation of binary scores")
            }
            let k = matrix.columns
            subtitle = "Multiclass classification · \(m.report.confusion.count) rows · \(k) classes"
            var curves: [(String, [Double], [Bool])] = []
            var aucs: [Double] = []
            for c in 0..<k {
                let labels = data.labels.map { $0 == c }
                guard labels.contains(true), labels.contains(false) else { continue }
                curves.append(("class \(c)", (0..<matrix.rows).map { matrix.elements[$0 * k + c] }, labels))
                aucs.append((try? BinaryMetrics.rocAUC(scores: curves[curves.count - 1].1, labels: labels)) ?? .nan)
            }
            try _MetricInput.wrapping {
                plots.append(Self.rocPlot(curves, auc: aucs))
                let aps = curves.map { (try? BinaryMetrics.averagePrecision(scores: $0.1, labels: $0.2)) ?? .nan }
                plots.append(try Self.prPlot(curves, ap: aps, prevalence: nil))
                let diagram = try ReliabilityDiagram(topLabelOf: matrix, labels: data.labels, binCount: binCount)
                plots.append(
                    Self.reliabilityPlot(diagram, title: "Top-label reliability (ECE \(_Format.fixed(diagram.expectedCalibrationError, 4)))"))
            }
            body += Self.metricTable(m.orderedMetrics)
            body += Self.perClassTable(m.report.confusion)
            body += Self.confusionTable(m.report.confusion.counts, names: (0..<k).map(String.init))
        }
        html = Self.page(title: title, subtitle: subtitle, plots: plots, body: body)
    }

    // MARK: Plots

    static func rocPlot(_ curves: [(String, [Double], [Bool])], auc: [Double]) -> String {
        var plot = _SVGPlot(title: "ROC curve", xLabel: "False positive rate", yLabel: "True positive rate")
        plot.series.append(.init(name: "chance", points: [(0, 0), (1, 1)], color: "#999999", dashed: true))
        for (i, curve) in curves.enumerated() {
            guard let roc = try? BinaryMetrics.rocCurve(scores: curve.1, labels: curve.2.map { $0 ? 1 : 0 }) else { continue }
            let points = zip(roc.falsePositiveRates, roc.truePositiveRates).map { (x: $0, y: $1) }
            let area = i < auc.count ? " AUC \(_Format.fixed(auc[i], 3))" : ""
            let name = (curve.0.isEmpty ? "model" : curve.0) + area
            plot.series.append(.init(name: name, points: points, color: _SVGPlot.palette[i % _SVGPlot.palette.count]))
        }
        return plot.svg
    }

    static func prPlot(_ curves: [(String, [Double], [Bool])], ap: [Double], prevalence: Double?) throws -> String {
        var plot = _SVGPlot(title: "Precision–recall curve", xLabel: "Recall", yLabel: "Precision")
        if let prevalence {
            plot.series.append(.init(name: "base rate", points: [(0, prevalence), (1, prevalence)], color: "#999999", dashed: true))
        }
        for (i, curve) in curves.enumerated() {
            let pr = try BinaryMetrics.precisionRecallCurve(scores: curve.1, labels: curve.2.map { $0 ? 1 : 0 })
            // Drawn as steps (precision held until recall moves), as scikit-learn's
            // PrecisionRecallDisplay does (drawstyle "steps-post"): the area under the steps is AP.
            var points: [(x: Double, y: Double)] = []
            for (r, p) in zip(pr.recalls, pr.precisions) {
                if let last = points.last, last.x != r { points.append((r, last.y)) }
                points.append((r, p))
            }
            let area = i < ap.count ? " AP \(_Format.fixed(ap[i], 3))" : ""
            let name = (curve.0.isEmpty ? "model" : curve.0) + area
            plot.series.append(.init(name: name, points: points, color: _SVGPlot.palette[i % _SVGPlot.palette.count]))
        }
        return plot.svg
    }

    static func reliabilityPlot(_ diagram: ReliabilityDiagram, title: String) -> String {
        var plot = _SVGPlot(title: title, xLabel: "Mean predicted probability", yLabel: "Observed frequency")
        plot.series.append(.init(name: "perfect", points: [(0, 0), (1, 1)], color: "#999999", dashed: true))
        let points = diagram.bins.compactMap { bin -> (x: Double, y: Double)? in
            guard let p = bin.meanPredicted, let o = bin.observedFrequency else { return nil }
            return (p, o)
        }
        plot.series.append(.init(name: "bins", points: points, color: _SVGPlot.palette[0], markers: true))
        return plot.svg
    }

    // MARK: Tables

    static func metricTable(_ metrics: [(String, Double)]) -> String {
        var out = "<h2>Metrics</h2>\n<table class=\"metrics\"><thead><tr><th>metric</th><th>value</th></tr></thead><tbody>\n"
        for (key, value) in metrics {
            out += "<tr><td>\(_HTML.escape(key, droppingControlCharacters: true))</td><td class=\"num\">\(_HTML.escape(EvaluationReport.show(value), droppingControlCharacters: true))</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    static func perClassTable(_ c: MulticlassConfusionMatrix) -> String {
        var out = "<h2>Per class</h2>\n<table class=\"per-class\"><thead><tr><th>class</th><th>support</th><th>precision</th><th>recall</th><th>F1</th></tr></thead><tbody>\n"
        let support = c.support
        for k in 0..<c.classCount {
            out += "<tr><td>\(k)</td><td class=\"num\">\(support[k])</td><td class=\"num\">\(_Format.fixed(c.precisions[k], 4))</td>"
            out += "<td class=\"num\">\(_Format.fixed(c.recalls[k], 4))</td><td class=\"num\">\(_Format.fixed(c.f1Scores[k], 4))</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    static func confusionTable(_ counts: [[Int]], names: [String]) -> String {
        var out = "<h2>Confusion matrix</h2>\n<p class=\"note\">Rows: true class · columns: predicted class · shade: share of the row.</p>\n"
        out += "<table class=\"confusion\"><thead><tr><th></th>"
        for n in names { out += "<th>pred \(_HTML.escape(n, droppingControlCharacters: true))</th>" }
        out += "</tr></thead><tbody>\n"
        for (i, row) in counts.enumerated() {
            let total = max(1, row.reduce(0, +))
            out += "<tr><th>true \(_HTML.escape(i < names.count ? names[i] : String(i), droppingControlCharacters: true))</th>"
            for v in row {
                let share = Double(v) / Double(total)
                out += "<td class=\"num\" style=\"background: rgba(31, 119, 180, \(_Format.fixed(0.08 + 0.6 * share, 3)))\">\(v)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    static func page(title: String, subtitle: String, plots: [String], body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(_HTML.escape(title, droppingControlCharacters: true))</title>
        <style>
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px 32px; color: #222; }
        h1 { font-size: 22px; margin: 0 0 4px 0; }
        h2 { font-size: 17px; margin: 24px 0 8px 0; }
        .subtitle, .note { color: #555; font-size: 13px; margin: 0 0 8px 0; }
        .plots { display: flex; flex-wrap: wrap; gap: 16px; }
        svg.plot { border: 1px solid #ddd; background: #fff; }
        .plot-title { font-size: 14px; font-weight: 600; }
        .grid { stroke: #eee; stroke-width: 1; }
        .frame { fill: none; stroke: #888; stroke-width: 1; }
        .tick, .legend { font-size: 11px; fill: #444; }
        .axis { font-size: 12px; fill: #333; }
        table { border-collapse: collapse; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        thead th { background: #f3f3f3; }
        footer { margin-top: 24px; color: #888; font-size: 12px; }
        </style>
        </head>
        <body>
        <h1>\(_HTML.escape(title, droppingControlCharacters: true))</h1>
        <p class="subtitle">\(_HTML.escape(subtitle, droppingControlCharacters: true))</p>
        <div class="plots">
        \(plots.joined(separator: "\n"))
        </div>
        \(body)<footer>swift-mlops \(_HTML.escape(SDKInfo.version, droppingControlCharacters: true)) · mlctl evaluate</footer>
        </body>
        </html>

        """
    }
}
