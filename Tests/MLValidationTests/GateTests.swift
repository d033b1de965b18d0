import Foundation
import MLMetrics
import MLValidation
import MLTesting
import Testing

/// Gate rules, metric files, champion comparison and `mlctl gate`.
@Suite struct GateTests {
    @Test(arguments: [
        ("roc_auc >= 0.85", "roc_auc", GateRule.Comparison.atLeast, 0.85),
        ("macro_f1>=0.72", "macro_f1", .atLeast, 0.72),
        ("  log_loss <= 0.4 ", "log_loss", .atMost, 0.4),
        ("fp < 10", "fp", .lessThan, 10),
        ("recall > 0.75", "recall", .greaterThan, 0.75),
        ("tp == 3", "tp", .equal, 3),
        ("test.auc ≥ 0.9", "test.auc", .atLeast, 0.9),
        ("ece ≤ 1e-2", "ece", .atMost, 0.01),
    ])
    func parsesRules(_ text: String, _ metric: String, _ comparison: GateRule.Comparison, _ threshold: Double) throws {
        let rule = try GateRule(text)
        #expect(rule.metric == metric && rule.comparison == comparison && rule.threshold == threshold)
    }

    @Test(arguments: ["roc_auc", ">= 0.8", "roc_auc >= high", "roc_auc => 0.8", "roc auc >= 0.8", "roc_auc >= nan", ""])
    func refusesMalformedRules(_ text: String) {
        #expect(throws: EvaluationError.self) { try GateRule(text) }
    }

    @Test func checksValuesAndMissingMetrics() throws {
        let metrics = MetricValues(["roc_auc": 0.9, "log_loss": 0.5])
        #expect(try GateRule("roc_auc >= 0.9").check(metrics).passed)
        #expect(!(try GateRule("roc_auc > 0.9").check(metrics).passed))
        #expect(!(try GateRule("log_loss <= 0.45").check(metrics).passed))
        let missing = try GateRule("macro_f1 >= 0.7").check(metrics)
        #expect(!missing.passed && missing.value == nil && missing.message.contains("not in the metrics"))
    }

    @Test func readsEveryRulesShape() throws {
        let list = try GateRules.parse("- roc_auc >= 0.85\n- precision >= 0.80\n- recall >= 0.75\n")
        #expect(list.rules.map(\.description) == ["roc_auc >= 0.85", "precision >= 0.8", "recall >= 0.75"])
        let object = try GateRules.parse("""
            rules:
              - macro_f1 >= 0.72
              - metric: min_class_f1
                op: ">="
                value: 0.60
            champion:
              metric: macro_f1
              min_absolute_improvement: 0.01
              min_relative_improvement: 0.02
              require_significance: true
              alpha: 0.01
            """)
        #expect(object.rules.map(\.description) == ["macro_f1 >= 0.72", "min_class_f1 >= 0.6"])
        #expect(
            object.champion
                == ChampionComparison(
                    metric: "macro_f1", minimumAbsoluteImprovement: 0.01, minimumRelativeImprovement: 0.02,
                    requireSignificance: true, alpha: 0.01))
        let keyed = try GateRules.parse("roc_auc: \">= 0.85\"\nrecall: 0.75\n")
        #expect(keyed.rules.map(\.description) == ["recall >= 0.75", "roc_auc >= 0.85"])
        let json = try GateRules.parse(#"{"rules": ["roc_auc >= 0.85", {"metric": "ece", "op": "<=", "value": 0.05}]}"#)
        #expect(json.rules.map(\.description) == ["roc_auc >= 0.85", "ece <= 0.05"])
        #expect(try GateRules.parse(#"["f1 > 0.5"]"#).rules.count == 1)
    }

    @Test(arguments: [
        "rules: 3", "just text", "- 42", "rules:\n  - metric: auc\n", "{\"rules\": []}", "other: [1]\nrules: []",
        "champion:\n  alpha: 2\n", "champion:\n  colour: red\n", "{\"rules\": [", "roc_auc: [1, 2]",
    ])
    func refusesMalformedRuleFiles(_ text: String) {
        #expect(throws: EvaluationError.self) { try GateRules.parse(text) }
    }

    @Test func flattensMetricFiles() throws {
        let m = try MetricValues.parse(#"{"task": "multiclass", "macro_f1": 0.75, "per_class_f1": [0.8, 0.6, 0.7], "test": {"auc": 0.9, "ok": true}}"#)
        #expect(m["macro_f1"] == 0.75 && m["per_class_f1.1"] == 0.6 && m["test.auc"] == 0.9)
        #expect(m["min_class_f1"] == 0.6)
        #expect(m["task"] == nil && m["test.ok"] == nil)
        #expect(try MetricValues.parse("roc_auc: 0.91\n")["roc_auc"] == 0.91)
        #expect(throws: EvaluationError.self) { try MetricValues.parse("[0.9]") }
        #expect(throws: EvaluationError.self) { try MetricValues.parse(#"{"name": "x"}"#) }
    }

    @Test func championComparison() throws {
        let champion = MetricValues(["roc_auc": 0.80, "log_loss": 0.50])
        let policy = ChampionComparison(metric: "roc_auc", minimumAbsoluteImprovement: 0.01)
        #expect(policy.compare(challenger: MetricValues(["roc_auc": 0.82]), champion: champion).passed)
        let small = policy.compare(challenger: MetricValues(["roc_auc": 0.805]), champion: champion)
        #expect(!small.passed && small.reasons.count == 1)
        #expect(abs((small.improvement ?? 0) - 0.005) < 1e-12)
        // Lower is better for log loss: a drop is an improvement.
        let loss = ChampionComparison(metric: "log_loss", minimumRelativeImprovement: 0.05)
        #expect(!loss.higherIsBetter)
        #expect(loss.compare(challenger: MetricValues(["log_loss": 0.45]), champion: champion).passed)
        #expect(!loss.compare(challenger: MetricValues(["log_loss": 0.49]), champion: champion).passed)
        // Missing metric fails.
        #expect(!policy.compare(challenger: MetricValues(["f1": 1]), champion: champion).passed)
    }

    @Test func significanceWithDeLong() throws {
        // A strong challenger and a weak champion on 400 rows.
        var labels: [Int] = []
        var strong: [Double] = []
        var weak: [Double] = []
        for i in 0..<400 {
            let y = i % 2
            labels.append(y)
            let noise = Double((i * 7919) % 101) / 101
            strong.append(Double(y) * 0.6 + noise * 0.4)
            weak.append(Double(y) * 0.1 + noise * 0.9)
        }
        let data = try LabeledScores(labels: labels, scores: .binary(strong))
        let test = try ChampionComparison.significance(challenger: data, champion: .binary(weak))
        #expect(test.pValue < 0.001 && test.difference > 0)
        let policy = ChampionComparison(requireSignificance: true)
        let new = try EvaluationReport(data).metrics
        let old = try EvaluationReport(LabeledScores(labels: labels, scores: .binary(weak))).metrics
        #expect(policy.compare(challenger: MetricValues(new), champion: MetricValues(old), significance: test).passed)
        #expect(!policy.compare(challenger: MetricValues(new), champion: MetricValues(old)).passed)
        // The same model against itself is not significantly better.
        let same = try ChampionComparison.significance(challenger: data, champion: .binary(strong))
        #expect(!policy.compare(challenger: MetricValues(new), champion: MetricValues(new), significance: same).passed)
    }

    @Test func commandLineExitCodesAndJSON() throws {
        let mlctl = try BuiltCommand("mlctl")
        let dir = ScratchDirectory()
        let metrics = dir.file("m.json")
        let e = try mlctl.run([
            "evaluate", "--labels", fixtures.path("metrics/metrics_multiclass/y_true.csv"), "--scores",
            fixtures.path("metrics/metrics_multiclass/y_score.csv"), "--json",
        ])
        dir.write("m.json", e.stdout)
        let passing = dir.write("pass.yaml", "- macro_f1 >= 0.72\n- min_class_f1 >= 0.60\n- roc_auc_ovr_macro >= 0.85\n")
        let ok = try mlctl.run(["gate", "--metrics", metrics, "--rules", passing, "--json"])
        #expect(ok.status == 0)
        let report = try jsonObject(parsing: ok.stdout)
        #expect(report["passed"] as? Bool == true)
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(results.count == 3)
        for r in results {
            for key in ["rule", "metric", "comparison", "threshold", "value", "passed", "message"] { #expect(r[key] != nil, "\(key)") }
        }
        #expect(abs((results[1]["value"] as? Double ?? 0) - 0.6814159292035398) < 1e-12)

        let failing = dir.write("fail.json", #"["macro_f1 >= 0.80", "min_class_f1 >= 0.60"]"#)
        let bad = try mlctl.run(["gate", "--metrics", metrics, "--rules", failing])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("FAIL") && bad.stdout.contains("macro_f1 >= 0.8") && bad.stderr.contains("macro_f1"))

        #expect(try mlctl.run(["gate", "--metrics", metrics, "--rules", dir.write("x.yaml", "- auc >>> 1\n")]).status == 2)
        #expect(try mlctl.run(["gate", "--metrics", dir.file("none.json"), "--rules", passing]).status == 2)
        #expect(try mlctl.run(["gate", "--metrics", dir.write("text.json", "{oops"), "--rules", passing]).status == 2)
        #expect(try mlctl.run(["gate", "--metrics", metrics]).status == 2)
    }

    @Test func commandLineChampionComparison() throws {
        let mlctl = try BuiltCommand("mlctl")
        let dir = ScratchDirectory()
        func evaluate(_ name: String) throws -> String {
            let r = try mlctl.run([
                "evaluate", "--labels", fixtures.path("metrics/\(name)/y_true.csv"), "--scores",
                fixtures.path("metrics/\(name)/y_score.csv"), "--json",
            ])
            return dir.write("\(name).json", r.stdout)
        }
        let better = try evaluate("metrics_binary_basic")  // roc_auc 0.920
        let worse = try evaluate("metrics_binary_ties")  // roc_auc 0.878
        #expect(try mlctl.run(["gate", "--metrics", better, "--champion", worse]).status == 0)
        #expect(try mlctl.run(["gate", "--metrics", worse, "--champion", better]).status == 1)
        #expect(try mlctl.run(["gate", "--metrics", better, "--champion", worse, "--min-improvement", "0.05"]).status == 1)
        #expect(try mlctl.run(["gate", "--metrics", better, "--champion", worse, "--min-relative-improvement", "0.04"]).status == 0)
        let rules = dir.write("g.yaml", "rules:\n  - roc_auc >= 0.9\nchampion:\n  metric: log_loss\n  min_relative_improvement: 0.5\n")
        let r = try mlctl.run(["gate", "--metrics", better, "--rules", rules, "--champion", worse, "--json"])
        #expect(r.status == 1)
        let champion = try #require(try jsonObject(parsing: r.stdout)["champion"] as? [String: Any])
        #expect(champion["passed"] as? Bool == false && (champion["policy"] as? [String: Any])?["metric"] as? String == "log_loss")
        // A policy that needs significance without scores fails; with the same model's scores too.
        let basic = fixtures.path("metrics/metrics_binary_basic")
        let sig = try mlctl.run([
            "gate", "--metrics", better, "--champion", better, "--require-significance", "--labels", basic + "/y_true.csv",
            "--scores", basic + "/y_score.csv", "--champion-scores", basic + "/y_score.csv", "--json",
        ])
        #expect(sig.status == 1)
        #expect((try jsonObject(parsing: sig.stdout)["champion"] as? [String: Any])?["p_value"] as? Double == 1)
        // Partial DeLong inputs are a usage error.
        #expect(try mlctl.run(["gate", "--metrics", better, "--champion", worse, "--labels", basic + "/y_true.csv"]).status == 2)
    }
}
