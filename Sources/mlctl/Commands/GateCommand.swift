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

    @OptionGroup var comparison: ChampionComparisonOptions

    @OptionGroup var deLong: DeLongInputs

    @OptionGroup var jsonOutput: JSONOutput

    func validate() throws {
        if rules == nil && comparison.champion == nil { throw ValidationError("give --rules, --champion, or both") }
    }

    func run() throws {
        var gate = try rules.map { try GateRules.read(contentsOf: $0) } ?? GateRules(rules: [])
        try comparison.apply(to: &gate)
        let candidate = try MetricValues.read(contentsOf: metrics)
        let championMetrics = try comparison.championMetrics()
        let significance = try deLong.test()
        let report = gate.evaluate(candidate, champion: championMetrics, significance: significance)
        try jsonOutput.emit(report) { print(report.text) }
        if !report.passed {
            throw CheckFailed(summary: report.failures.joined(separator: "; "))
        }
    }
}
