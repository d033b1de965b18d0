import ArgumentParser
import MLMetrics
import MLValidation

/// `mlctl gate --metrics m.json --rules gates.yaml [champion options] [--json]`.
struct GateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Acceptance gate: metric rules (e.g. 'roc_auc >= 0.85') and a champion comparison.",
        discussion: """
            Rules: YAML or JSON, a list like '- macro_f1 >= 0.72', or an object with 'rules' and a 'champion' \
            policy (metric, min_absolute_improvement, min_relative_improvement, require_significance, alpha). \
            Metrics: a JSON/YAML object such as 'mlctl evaluate --json' prints (min_class_f1 is derived from \
            per_class_f1). A rule on a metric the file lacks fails. Options override the file's champion policy. \
            Exit 0 passed, 1 a rule or the comparison failed, 2 unreadable input.
            """
    )

    @Option(help: "The candidate's metrics (JSON or YAML).")
    var metrics: String

    @Option(help: "The gate rules (YAML or JSON).")
    var rules: String?

    @Option(help: "The champion's metrics, to compare the candidate (challenger) with.")
    var champion: String?

    @Option(help: "The compared metric (default: the rules file's, else roc_auc).")
    var compareMetric: String?

    @Option(help: "Minimum absolute improvement over the champion.")
    var minImprovement: Double?

    @Option(help: "Minimum improvement relative to the champion (0.01 = 1%).")
    var minRelativeImprovement: Double?

    @Flag(help: "Require DeLong's test to find the challenger's ROC-AUC significantly higher.")
    var requireSignificance = false

    @Option(help: "Significance level of DeLong's test.")
    var alpha: Double?

    @Option(help: "Labels of the rows both models scored (for DeLong's test).")
    var labels: String?

    @Option(help: "The challenger's scores on those rows.")
    var scores: String?

    @Option(help: "The champion's scores on those rows.")
    var championScores: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if rules == nil && champion == nil { throw ValidationError("give --rules, --champion, or both") }
        let deLong = [labels, scores, championScores].filter { $0 != nil }.count
        if deLong != 0 && deLong != 3 { throw ValidationError("--labels, --scores and --champion-scores go together") }
    }

    func run() throws {
        var gate = try rules.map { try GateRules.read(contentsOf: $0) } ?? GateRules(rules: [])
        let flagsSet = compareMetric != nil || minImprovement != nil || minRelativeImprovement != nil || requireSignificance || alpha != nil
        if champion != nil && (gate.champion == nil || flagsSet) {
            var policy = gate.champion ?? ChampionComparison()
            if let compareMetric { policy.metric = compareMetric }
            if let minImprovement { policy.minimumAbsoluteImprovement = minImprovement }
            if let minRelativeImprovement { policy.minimumRelativeImprovement = minRelativeImprovement }
            if requireSignificance { policy.requireSignificance = true }
            if let alpha { policy.alpha = alpha }
            try policy.validate()
            gate.champion = policy
        }
        let candidate = try MetricValues.read(contentsOf: metrics)
        let championMetrics = try champion.map { try MetricValues.read(contentsOf: $0) }
        var significance: DeLongTest?
        if let labels, let scores, let championScores {
            let challenger = try LabeledScores.read(labels: labels, scores: scores)
            significance = try ChampionComparison.significance(
                challenger: challenger, champion: try ScoreColumns.read(contentsOf: championScores))
        }
        let report = gate.evaluate(candidate, champion: championMetrics, significance: significance)
        if json {
            try Output.printJSON(report)
        } else {
            print(report.text)
        }
        if !report.passed {
            throw CheckFailed(summary: report.failures.joined(separator: "; "))
        }
    }
}
