import Foundation
import MLCore
import MLTesting
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import MLDrift

/// JSON, HTML and Prometheus outputs: well-formed, escaped, and all reading the same verdict.
@Suite struct ReportTests {
    static func fixtureReport(_ caseName: String, configuration: DriftConfiguration = DriftConfiguration()) throws -> DriftReport {
        try DriftDetector(configuration: configuration).compare(
            baseline: DriftFixtures.table(caseName, "baseline.csv"), current: DriftFixtures.table(caseName, "current.csv"))
    }

    /// Collects element names and the attributes of `rect` elements while checking well-formedness.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var rectHeights: [Double] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
            if name == "rect", let h = attributes["height"], let v = Double(h) { rectHeights.append(v) }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    static func parseHTML(_ html: String) throws -> Collector {
        // The report is XHTML-compatible: every element closed, only XML entities used.
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
        let parser = XMLParser(data: Data(body.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else {
            throw FixtureFileError("HTML is not well-formed: \(String(describing: parser.parserError)) at line \(parser.lineNumber)")
        }
        return collector
    }

    @Test(arguments: DriftFixtures.cases)
    func htmlIsWellFormedWithDataInItsSVGs(caseName: String) throws {
        let report = try Self.fixtureReport(caseName)
        let html = report.html()
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("<script"))
        #expect(!html.contains("https://"))
        let c = try Self.parseHTML(html)
        #expect(c.elements["svg"] == report.columns.count)
        #expect(c.elements["table"] == 1)
        #expect(c.elements["tr"] == report.columns.count + 1)
        // Two bars per bin plus two legend swatches per plot; the bars have heights from the data.
        let bins = report.columns.map { $0.histogram.labels.count }.reduce(0, +)
        #expect(c.rectHeights.count == 2 * bins + 2 * report.columns.count)
        #expect(c.rectHeights.filter { $0 > 0 }.count >= bins)
    }

    @Test func namesAreEscapedEverywhere() throws {
        let name = "a<b>&\"c\"\\\n'd'"
        let base = try Table([(name, .double((0..<50).map(Double.init))), ("s<i>", .string((0..<50).map { $0 % 2 == 0 ? "<x>" : "y&z" }))])
        let cur = try Table([(name, .double((0..<40).map { Double($0) + 20 })), ("s<i>", .string((0..<40).map { $0 % 3 == 0 ? "<x>" : "\"new\"" }))])
        let report = try DriftDetector().compare(baseline: base, current: cur)
        let html = report.html(title: "<title>")
        #expect(!html.contains("a<b>"))
        #expect(!html.contains("<x>"))
        #expect(!html.contains("s<i>"))
        let c = try Self.parseHTML(html)
        #expect(c.text.contains(name.replacingOccurrences(of: "\n", with: "\n")) || c.text.contains("a<b>&"))
        let prom = report.prometheusText()
        #expect(prom.contains("column=\"a<b>&\\\"c\\\"\\\\\\n'd'\""))
        let samples = try PrometheusText.parse(prom)
        #expect(samples.contains { $0.labels["column"] == name })
        #expect(samples.contains { $0.labels["column"] == "s<i>" })
    }

    @Test(arguments: DriftFixtures.cases)
    func prometheusParsesBack(caseName: String) throws {
        let report = try Self.fixtureReport(caseName)
        let text = report.prometheusText(timestamp: 1_700_000_000)
        let samples = try PrometheusText.parse(text)
        // HELP and TYPE before every family.
        for family in Set(samples.map(\.name)) {
            #expect(text.contains("# HELP \(family) "))
            #expect(text.contains("# TYPE \(family) gauge\n"))
        }
        for column in report.columns {
            let psi = try #require(samples.first { $0.name == "mlctl_drift_psi" && $0.labels["column"] == column.name })
            #expect(psi.value == column.psi)
            let drifted = try #require(samples.first { $0.name == "mlctl_drift_column_drifted" && $0.labels["column"] == column.name })
            #expect(drifted.value == (column.verdict.drifted ? 1 : 0))
            if let ks = column.ks {
                #expect(samples.first { $0.name == "mlctl_drift_ks_pvalue" && $0.labels["column"] == column.name }?.value == ks.pValue)
            }
        }
        #expect(samples.first { $0.name == "mlctl_drift_share" }?.value == report.verdict.share)
        #expect(samples.first { $0.name == "mlctl_drift_last_run_timestamp_seconds" }?.value == 1_700_000_000)
    }

    @Test(arguments: DriftFixtures.cases, [MultipleTestingCorrection.bonferroni, .benjaminiHochberg, .none])
    func everyOutputAgreesOnTheVerdict(caseName: String, correction: MultipleTestingCorrection) throws {
        let report = try Self.fixtureReport(caseName, configuration: DriftConfiguration(correction: correction))
        // JSON
        let json = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        #expect(json["drift_detected"] as? Bool == report.verdict.driftDetected)
        let verdict = try #require(json["verdict"] as? [String: Any])
        #expect(verdict["drifted_columns"] as? [String] == report.verdict.driftedColumns)
        let columns = try #require(json["columns"] as? [String: [String: Any]])
        for c in report.columns { #expect(columns[c.name]?["drifted"] as? Bool == c.verdict.drifted) }
        // Prometheus
        let samples = try PrometheusText.parse(report.prometheusText())
        #expect(samples.first { $0.name == "mlctl_drift_detected" }?.value == (report.verdict.driftDetected ? 1 : 0))
        for c in report.columns {
            #expect(samples.first { $0.name == "mlctl_drift_column_drifted" && $0.labels["column"] == c.name }?.value == (c.verdict.drifted ? 1 : 0))
        }
        // HTML
        let html = report.html()
        #expect(html.contains(report.verdict.driftDetected ? "badge drift\">DRIFT<" : "badge ok\">NO DRIFT<"))
        #expect(html.components(separatedBy: "<b>drifted</b>").count - 1 == report.verdict.driftedColumns.count)
        // Text
        #expect(report.textSummary().contains(report.verdict.driftDetected ? "DRIFT:" : "no drift:"))
    }
}

/// A small parser of the Prometheus text format (enough to read our own output back).
enum PrometheusText {
    struct Sample { let name: String; let labels: [String: String]; let value: Double }

    static func parse(_ text: String) throws -> [Sample] {
        var out: [Sample] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            var chars = Array(line.unicodeScalars)[...]
            var name = ""
            while let c = chars.first, c != "{", c != " " { name.unicodeScalars.append(c); chars = chars.dropFirst() }
            var labels: [String: String] = [:]
            if chars.first == "{" {
                chars = chars.dropFirst()
                while chars.first != "}" {
                    var key = ""
                    while let c = chars.first, c != "=" { key.unicodeScalars.append(c); chars = chars.dropFirst() }
                    chars = chars.dropFirst()
                    guard chars.first == "\"" else { throw FixtureFileError("bad label in \(line)") }
                    chars = chars.dropFirst()
                    var value = ""
                    while let c = chars.first, c != "\"" {
                        chars = chars.dropFirst()
                        if c == "\\" {
                            guard let e = chars.first else { throw FixtureFileError("bad escape") }
                            chars = chars.dropFirst()
                            switch e {
                            case "n": value += "\n"
                            case "\\": value += "\\"
                            case "\"": value += "\""
                            default: throw FixtureFileError("bad escape \\\(e)")
                            }
                        } else {
                            value.unicodeScalars.append(c)
                        }
                    }
                    chars = chars.dropFirst()
                    labels[key] = value
                    if chars.first == "," { chars = chars.dropFirst() }
                }
                chars = chars.dropFirst()
            }
            let rest = String(String.UnicodeScalarView(chars)).trimmingCharacters(in: .whitespaces)
            let value: Double
            switch rest {
            case "+Inf": value = .infinity
            case "-Inf": value = -.infinity
            case "NaN": value = .nan
            default:
                guard let v = Double(rest) else { throw FixtureFileError("bad value '\(rest)' in \(line)") }
                value = v
            }
            out.append(Sample(name: name, labels: labels, value: value))
        }
        return out
    }
}
