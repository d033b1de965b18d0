import Foundation
import FoundationXML
import MLMetrics
import MLValidation
import MLTesting
import Testing

/// The HTML report: one well-formed, self-contained document whose plots have data, with all
/// caller text escaped.
@Suite struct HTMLReportTests {
    /// Collects element names and attributes while parsing.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var text = ""
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append((elementName, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    func parse(_ html: String) throws -> Collector {
        let parser = XMLParser(data: Data(html.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        return collector
    }

    func report(_ name: String, title: String) throws -> String {
        let data = try LabeledScores.read(
            labels: fixtures.path("metrics/\(name)/y_true.csv"), scores: fixtures.path("metrics/\(name)/y_score.csv"))
        return try EvaluationHTMLReport(data, evaluation: try EvaluationReport(data), title: title).html
    }

    @Test(arguments: ["metrics_binary_basic", "metrics_binary_ties", "metrics_multiclass"])
    func wellFormedWithPlotsThatHaveData(_ name: String) throws {
        let html = try report(name, title: "report")
        let doc = try parse(html)
        let svgs = doc.elements.filter { $0.name == "svg" }
        #expect(svgs.count == 3)
        let series = doc.elements.filter { $0.attributes["class"]?.hasPrefix("series") == true }
        let expectedSeries = name == "metrics_multiclass" ? 3 + 3 + 1 : 3
        #expect(series.count == expectedSeries)
        for s in series {
            let n = Int(s.attributes["data-points"] ?? "") ?? 0
            #expect(n >= 2, "\(s.attributes["data-name"] ?? "?") has \(n) points")
        }
        let polylines = doc.elements.filter { $0.name == "polyline" && $0.attributes["class"] == "series" }
        for p in polylines { #expect((p.attributes["points"] ?? "").split(separator: " ").count >= 2) }
        // The confusion matrix and the metric table.
        #expect(doc.elements.contains { $0.name == "table" && $0.attributes["class"] == "confusion" })
        #expect(doc.elements.contains { $0.name == "table" && $0.attributes["class"] == "metrics" })
        // Self-contained: nothing is loaded from elsewhere.
        #expect(!doc.elements.contains { ["script", "link", "img", "iframe"].contains($0.name) })
        #expect(!html.contains("http://") || !html.replacing("http://www.w3.org/2000/svg", with: "").contains("http"))
        #expect(!html.contains("https://"))
    }

    @Test func callerTextIsEscaped() throws {
        let html = try report("metrics_binary_basic", title: "<script>alert('x')</script> & \"q\"")
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"))
        let doc = try parse(html)
        #expect(doc.text.contains("<script>alert('x')</script>"))
    }

    @Test func commandLineWritesTheReport() throws {
        let dir = ScratchDirectory()
        let r = try BuiltCommand("mlctl").run([
            "evaluate", "--labels", fixtures.path("metrics/metrics_binary_basic/y_true.csv"), "--scores",
            fixtures.path("metrics/metrics_binary_basic/y_score.csv"), "--report", dir.file("r.html"), "--json",
        ])
        #expect(r.status == 0)
        let html = dir.read("r.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        _ = try parse(html)
        #expect(try jsonObject(parsing: r.stdout)["roc_auc"] as? Double != nil)
    }

    @Test func scoresOutsideUnitIntervalSkipTheReliabilityPlot() throws {
        let data = try LabeledScores(labels: [0, 0, 1, 1, 0, 1], scores: .binary([-2, -1, 0.5, 3, 1.5, 2]))
        let evaluation = try EvaluationReport(data)
        #expect(evaluation.metrics["log_loss"] == nil)
        let html = try EvaluationHTMLReport(data, evaluation: evaluation, title: "margins").html
        #expect(try parse(html).elements.filter { $0.name == "svg" }.count == 2)
    }
}
