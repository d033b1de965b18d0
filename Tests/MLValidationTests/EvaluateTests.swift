import Foundation
import MLMetrics
import MLValidation
import MLTesting
import Testing

/// `EvaluationReport` and `mlctl evaluate` against the metrics fixtures (made by scikit-learn),
/// and the bad-input cases of issue 4: each exit 2 with a message naming the file and line.
@Suite struct EvaluateTests {
    static let cases = ["metrics_binary_basic", "metrics_binary_imbalanced", "metrics_binary_ties", "metrics_multiclass"]
    static let keys = ["roc_auc", "average_precision", "log_loss", "brier_score", "macro_f1", "weighted_f1", "roc_auc_ovr_macro"]
    static let thresholdKeys = ["accuracy", "precision", "recall", "f1", "specificity", "tn", "fp", "fn", "tp"]

    func expected(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixtures.path("metrics/\(name)/expected.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func paths(_ name: String) -> (labels: String, scores: String) {
        (fixtures.path("metrics/\(name)/y_true.csv"), fixtures.path("metrics/\(name)/y_score.csv"))
    }

    @Test(arguments: cases)
    func libraryMatchesFixture(_ name: String) throws {
        let exp = try expected(name)
        let (labels, scores) = paths(name)
        let data = try LabeledScores.read(labels: labels, scores: scores)
        let report = try EvaluationReport(data)
        let metrics = report.metrics
        for key in Self.keys {
            guard let want = exp[key] as? Double else { continue }
            let got = try #require(metrics[key], "\(name): \(key) missing")
            #expect(abs(got - want) <= 1e-9, "\(name): \(key) \(got) vs \(want)")
        }
    }

    @Test(arguments: cases)
    func commandLineJSONMatchesFixture(_ name: String) throws {
        let mlctl = try BuiltCommand("mlctl")
        let exp = try expected(name)
        let (labels, scores) = paths(name)
        let r = try mlctl.run(["evaluate", "--labels", labels, "--scores", scores, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let got = try jsonObject(parsing: r.stdout)
        for key in Self.keys {
            guard let want = exp[key] as? Double else { continue }
            let value = try #require(got[key] as? Double, "\(name): \(key) missing")
            #expect(abs(value - want) <= 1e-9, "\(name): \(key)")
        }
        if let perClass = exp["per_class_f1"] as? [Double] {
            let value = try #require(got["per_class_f1"] as? [Double])
            #expect(value.count == perClass.count)
            for (a, b) in zip(value, perClass) { #expect(abs(a - b) <= 1e-9) }
        }
        for (key, block) in exp where key.hasPrefix("threshold_") {
            let e = try #require(block as? [String: Any])
            let t = try #require(e["threshold"] as? Double)
            let rt = try mlctl.run(["evaluate", "--labels", labels, "--scores", scores, "--threshold", "\(t)", "--json"])
            #expect(rt.status == 0)
            let g = try jsonObject(parsing: rt.stdout)
            for k in Self.thresholdKeys {
                let want = try #require((e[k] as? NSNumber)?.doubleValue)
                let value = try #require((g[k] as? NSNumber)?.doubleValue, "\(name) \(key): \(k) missing")
                #expect(abs(value - want) <= 1e-9, "\(name) \(key): \(k) \(value) vs \(want)")
            }
        }
    }

    @Test func twoColumnProbabilitiesAreBinaryOnP1() throws {
        let dir = ScratchDirectory()
        let labels = dir.write("y.csv", csv("y", [0, 1, 1, 0]))
        let scores = dir.write("s.csv", "p0,p1\n0.9,0.1\n0.2,0.8\n0.4,0.6\n0.3,0.7\n")
        let data = try LabeledScores.read(labels: labels, scores: scores)
        #expect(data.scores == .binary([0.1, 0.8, 0.6, 0.7]))
        let report = try EvaluationReport(data)
        #expect(report.metrics["roc_auc"] == 0.75)
        #expect(report.metrics["tp"] == 2 && report.metrics["fp"] == 1)
    }

    @Test func humanOutputListsTheMetrics() throws {
        let (labels, scores) = paths("metrics_binary_basic")
        let r = try BuiltCommand("mlctl").run(["evaluate", "--labels", labels, "--scores", scores, "--threshold", "0.7"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("roc_auc") && r.stdout.contains("0.920114") && r.stdout.contains(" 0.7\n"))
    }

    /// (file contents, expected exit-2 message fragments) for the bad-input cases.
    static let badInputs: [(name: String, labels: String, scores: String, message: [String])] = [
        ("length mismatch", "y\n0\n1\n1\n", "score\n0.1\n0.9\n", ["y.csv has 3 labels", "s.csv has 2 rows"]),
        ("label not 0/1", "y\n0\n1\n2\n", "score\n0.1\n0.9\n0.5\n", ["y.csv:4", "must be 0 or 1, got 2"]),
        ("NaN score", "y\n0\n1\n1\n", "score\n0.1\nNaN\n0.5\n", ["s.csv:3", "'score'", "missing"]),
        ("empty score", "y\n0\n1\n1\n", "score\n0.1\n0.2\n\n", ["s.csv:4", "missing"]),
        ("text score", "y\n0\n1\n", "score\n0.1\nhigh\n", ["s.csv:3", "'high'"]),
        ("infinite score", "y\n0\n1\n", "score\n0.1\ninf\n", ["s.csv:3", "inf"]),
        ("header only", "y\n", "score\n", ["y.csv", "no rows"]),
        ("empty file", "", "score\n0.3\n", ["y.csv"]),
        ("no scores column", "y\n0\n1\n", "a,b\n1,2\n3,4\n", ["s.csv", "no scores column", "'a'"]),
        ("no labels column", "a,b\n0,1\n1,0\n", "score\n0.1\n0.2\n", ["y.csv", "no labels column 'y'"]),
        ("one class", "y\n1\n1\n", "score\n0.1\n0.2\n", ["only one class"]),
        ("multiclass label out of range", "y\n0\n1\n3\n", "p0,p1,p2\n0.2,0.3,0.5\n0.2,0.3,0.5\n0.2,0.3,0.5\n", ["y.csv:4", "0..<3"]),
        ("non-integer label", "y\n0\n0.5\n", "score\n0.1\n0.2\n", ["y.csv:3", "not an integer"]),
    ]

    @Test(arguments: 0..<badInputs.count)
    func badInputIsExitTwoWithMessage(_ index: Int) throws {
        let bad = Self.badInputs[index]
        let dir = ScratchDirectory()
        let labels = dir.write("y.csv", bad.labels)
        let scores = dir.write("s.csv", bad.scores)
        let r = try BuiltCommand("mlctl").run(["evaluate", "--labels", labels, "--scores", scores, "--json"])
        #expect(r.status == 2, "\(bad.name): exit \(r.status)")
        #expect(r.stderr.hasPrefix("error: "), "\(bad.name): \(r.stderr)")
        #expect(r.stdout.isEmpty)
        for fragment in bad.message { #expect(r.stderr.contains(fragment), "\(bad.name): '\(fragment)' not in \(r.stderr)") }
    }

    @Test func missingFilesAreExitTwo() throws {
        let r = try BuiltCommand("mlctl").run(["evaluate", "--labels", "/nonexistent/y.csv", "--scores", "/nonexistent/s.csv"])
        #expect(r.status == 2 && r.stderr.contains("/nonexistent/y.csv"))
    }

    @Test func libraryErrorsAreTyped() throws {
        #expect(throws: EvaluationError.self) { try LabeledScores(labels: [0, 1], scores: .binary([0.5])) }
        do {
            _ = try LabeledScores(labels: [0, 1, 5], scores: .binary([0.1, 0.2, 0.3]))
            Issue.record("no error")
        } catch let error as EvaluationError {
            #expect(error.code == .invalidLabel && error.line == 4)
        }
        #expect(throws: EvaluationError.self) { try EvaluationReport(LabeledScores(labels: [0, 1], scores: .binary([0.1, 0.9])), threshold: .nan) }
    }
}
