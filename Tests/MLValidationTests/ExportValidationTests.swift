import MLMetrics
import MLTesting
import Foundation
import MLCore
import MLModels
import MLValidation
import Testing

/// Export validation on Tests/Fixtures/validation: an XGBoost model against its own ONNX export
/// (made by onnxmltools) passes; another model and a perturbed copy fail with a clear table.
/// Latency is measured but never asserted on (timings belong to benchmarks): the CLI runs
/// use a generous overhead limit or --no-latency.
@Suite struct ExportValidationTests {
    let source = fixtures.path("models/xgb_binary_logistic/model.json")
    let data = fixtures.path("models/xgb_binary_logistic/X.csv")
    let export = fixtures.path("validation/model.onnx")
    let labels = fixtures.path("validation/labels.csv")
    let other = fixtures.path("validation/other.json")
    let perturbed = fixtures.path("validation/perturbed.json")
    let predictions = fixtures.path("validation/reference_predictions.csv")

    func features() throws -> Matrix<Float> {
        try CSVReader(numericType: .float).read(contentsOf: data).matrix(Float.self)
    }

    func validate(_ reference: String, _ candidate: String, _ config: ExportValidation = ExportValidation(latency: nil))
        throws -> ExportValidationReport
    {
        try config.validate(
            reference: .load(reference), candidate: .load(candidate), features: features(),
            labels: LabelColumn.read(contentsOf: labels))
    }

    @Test func anExportMatchesItsSource() throws {
        let report = try validate(source, export)
        #expect(report.passed, "\(report.markdown)")
        #expect(report.maxAbsDiff < 1e-6 && report.meanAbsDiff < 1e-7)
        #expect(report.decisionFlips == 0)
        #expect(report.rows == 401 && report.task == "binary")
        #expect(report.candidate.format == "onnx" && report.reference.format == "xgboost-json")
        let auc = try #require(report.check("roc_auc"))
        #expect(abs((auc.reference ?? 0) - 0.9412446120689656) < 1e-9)  // scikit-learn, generate.py
        #expect(abs(auc.value ?? 1) < 1e-6)
        #expect(report.check("p95_latency_us")?.passed == nil && report.latencySkipped != nil)
        // With a parity limit it still passes.
        #expect(try validate(source, export, ExportValidation(maximumAbsoluteDifference: 1e-6, latency: nil)).passed)
    }

    @Test func aDifferentModelFails() throws {
        let report = try validate(source, other)
        #expect(!report.passed)
        #expect(report.failed == ["roc_auc", "pr_auc"])
        #expect(report.decisionFlips > 100)
        #expect(report.markdown.contains("| ROC-AUC | 0.941245 | 0.481708 | -48.82% | ≥ -2.00% | ❌ **FAIL** |"))
    }

    @Test func aPerturbedModelFails() throws {
        // One leaf of tree 0 raised by 3.0: ROC-AUC drops by 3.2% relative.
        let report = try validate(source, perturbed)
        #expect(report.failed == ["roc_auc", "pr_auc"])
        // The parity limit catches it too, whatever the metrics do.
        let strict = try validate(source, perturbed, ExportValidation(maximumMetricDrop: 1, maximumAbsoluteDifference: 1e-6, latency: nil))
        #expect(strict.failed == ["max_abs_diff"])
        #expect(strict.markdown.contains("| max abs difference | | | 0.626 | ≤ 1e-06 | ❌ **FAIL** |"))
    }

    @Test func aPredictionsFileAsReferenceSkipsLatency() throws {
        let report = try validate(predictions, export, ExportValidation(maximumAbsoluteDifference: 1e-6))
        #expect(report.passed)
        #expect(report.reference.kind == "predictions" && report.latency == nil)
        #expect(report.latencySkipped?.contains("reference is a predictions file") == true)
        #expect(report.markdown.contains("skipped: not measured: the reference is a predictions file"))
    }

    @Test func latencyIsMeasuredSideBySide() throws {
        let x = try features()
        let a = try ModelLoader.load(contentsOf: source)
        let b = try ModelLoader.load(contentsOf: export)
        let result = try LatencyComparison(rounds: 3, callsPerRound: 300).measure(reference: a, candidate: b, features: x)
        #expect(result.rounds == 3 && result.callsPerRound == 300)
        #expect(result.referenceRoundP95Microseconds.count == 3 && result.candidateRoundP95Microseconds.count == 3)
        #expect(result.referenceP95Microseconds > 0 && result.candidateP95Microseconds > 0)
        #expect(result.referenceP50Microseconds <= result.referenceP95Microseconds)
        #expect(result.overhead.isFinite)
        #expect(throws: EvaluationError.self) { try LatencyComparison(rounds: 0).measure(reference: a, candidate: b, features: x) }
        #expect(throws: EvaluationError.self) {
            try LatencyComparison(burstThresholdSeconds: -1).measure(reference: a, candidate: b, features: x)
        }
        // Bursts: every call is faster than 1 s, so each sample is 64 calls; no bursts at 0.
        let bursts = try LatencyComparison(rounds: 2, callsPerRound: 640, burstThresholdSeconds: 1).measure(
            reference: a, candidate: b, features: x)
        #expect(bursts.callsPerSample == 64 && bursts.callsPerRound == 640)
        #expect(bursts.referenceP95Microseconds > 0 && bursts.candidateP95Microseconds > 0)
        let single = try LatencyComparison(rounds: 2, callsPerRound: 100, burstThresholdSeconds: 0).measure(
            reference: a, candidate: b, features: x)
        #expect(single.callsPerSample == 1)
        let report = try validate(source, export, ExportValidation(maximumLatencyOverhead: 1000, latency: LatencyComparison(rounds: 3, callsPerRound: 200)))
        #expect(report.passed && report.latency != nil && report.check("p95_latency_us")?.passed == true)
        #expect(report.markdown.contains("p95 single-row latency") && report.markdown.contains("3 interleaved rounds of 200"))
    }

    @Test func multiclassModelAgainstItself() throws {
        let path = fixtures.path("models/xgb_multiclass_softprob/model.json")
        let x = try CSVReader(numericType: .float).read(contentsOf: fixtures.path("models/xgb_multiclass_softprob/X.csv")).matrix(Float.self)
        let model = try ModelLoader.load(contentsOf: path)
        let p = try model.predict(x)
        // Labels: the arg-max, except every 7th row shifted, so no metric is perfect.
        let y = (0..<p.rows).map { r -> Int in
            let row = Array(p.elements[(r * p.columns)..<((r + 1) * p.columns)])
            let best = row.indices.max { row[$0] < row[$1] } ?? 0
            return r % 7 == 0 ? (best + 1) % p.columns : best
        }
        let report = try ExportValidation(latency: nil).validate(
            reference: .model(model, name: "a"), candidate: .model(model, name: "b"), features: x, labels: y)
        #expect(report.passed && report.task == "multiclass" && report.classCount == p.columns)
        #expect(report.maxAbsDiff == 0 && report.decisionFlips == 0)
        // A binary model cannot be compared with a multiclass one.
        #expect(throws: EvaluationError.self) {
            try ExportValidation(latency: nil).validate(
                reference: .model(model, name: "a"), candidate: .predictions(.binary([Double](repeating: 0.5, count: x.rows)), name: "b"),
                features: x, labels: y)
        }
    }

    // MARK: Command line

    @Test func commandLineExportPasses() throws {
        let dir = ScratchDirectory()
        let r = try BuiltCommand("mlctl").run([
            "validate-export", "--reference", source, "--candidate", export, "--data", data, "--labels", labels,
            "--max-latency-overhead", "1000", "--latency-rounds", "3", "--json", "--markdown", dir.file("table.md"),
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try jsonObject(parsing: r.stdout)
        #expect(json["passed"] as? Bool == true)
        #expect(json["rows"] as? Int == 401)
        for key in ["reference", "candidate", "task", "threshold", "parity", "metrics", "latency", "checks", "failed"] {
            #expect(json[key] != nil, "\(key)")
        }
        let latency = try #require(json["latency"] as? [String: Any])
        for key in ["reference_p95_us", "candidate_p95_us", "overhead", "rounds", "calls_per_round"] { #expect(latency[key] != nil) }
        let metrics = try #require(json["metrics"] as? [String: [String: Any]])
        #expect(metrics["roc_auc"]?["relative_delta"] as? Double != nil)
        #expect((json["parity"] as? [String: Any])?["decision_flips"] as? Double == 0)
        let table = dir.read("table.md")
        #expect(table.hasPrefix("### Export validation: ✅ passed"))
        #expect(table.contains("| check | reference | candidate | change | limit | result |"))
    }

    @Test func commandLineDifferentAndPerturbedModelsFail() throws {
        let mlctl = try BuiltCommand("mlctl")
        for candidate in [other, perturbed] {
            let r = try mlctl.run([
                "validate-export", "--reference", source, "--candidate", candidate, "--data", data, "--labels", labels,
                "--max-latency-overhead", "1000", "--latency-rounds", "3",
            ])
            #expect(r.status == 1, "\(candidate): \(r.stderr)")
            #expect(r.stdout.hasPrefix("### Export validation: ❌ failed"))
            #expect(r.stdout.contains("| ROC-AUC |") && r.stdout.contains("❌ **FAIL**"))
            #expect(r.stderr.contains("roc_auc"))
        }
        let strict = try mlctl.run([
            "validate-export", "--reference", source, "--candidate", perturbed, "--data", data, "--labels", labels,
            "--max-metric-drop", "0.5", "--max-abs-diff", "1e-6", "--no-latency", "--json",
        ])
        #expect(strict.status == 1)
        #expect(try jsonObject(parsing: strict.stdout)["failed"] as? [String] == ["max_abs_diff"])
    }

    @Test func commandLineBadInputIsExitTwo() throws {
        let mlctl = try BuiltCommand("mlctl")
        let dir = ScratchDirectory()
        let base = ["--data", data, "--labels", labels, "--no-latency"]
        func run(_ args: [String]) throws -> CommandResult {
            let r = try mlctl.run(["validate-export"] + args)
            #expect(r.status == 2, "\(args): exit \(r.status)")
            #expect(r.stderr.hasPrefix("error: "), "\(args): \(r.stderr)")
            return r
        }
        _ = try run(["--reference", dir.file("none.json"), "--candidate", export] + base)
        _ = try run(["--reference", source, "--candidate", dir.write("junk.onnx", "not a model")] + base)
        let short = dir.write("y.csv", "y\n0\n1\n")
        #expect(try run(["--reference", source, "--candidate", export, "--data", data, "--labels", short]).stderr.contains("2 labels"))
        let twos = dir.write("y2.csv", "y\n" + String(repeating: "2\n", count: 401))
        #expect(try run(["--reference", source, "--candidate", export, "--data", data, "--labels", twos, "--no-latency"]).stderr.contains("0 or 1"))
        let narrow = dir.write("x.csv", "a,b\n1,2\n")
        _ = try run(["--reference", source, "--candidate", export, "--data", narrow, "--labels", dir.write("y1.csv", "y\n1\n")])
        let nan = dir.write("p.csv", "prob\n" + String(repeating: "0.5\n", count: 400) + "NaN\n")
        #expect(try run(["--reference", nan, "--candidate", export] + base).stderr.contains("p.csv:402"))
        _ = try run(["--reference", source, "--candidate", export, "--max-metric-drop", "-1"] + base)
    }
}
