import ArgumentParser
import MLMetrics
import MLValidation

/// `--champion m.json` and the policy options of `gate`: the comparison of the candidate with the
/// champion. Each policy option given overrides the rules file's policy.
struct ChampionComparisonOptions: ParsableArguments {
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

    /// Whether any policy option was given.
    var overridesPolicy: Bool {
        compareMetric != nil || minImprovement != nil || minRelativeImprovement != nil || requireSignificance
            || alpha != nil
    }

    /// Gives `gate` the champion comparison asked for (with `--champion` only): the rules file's
    /// policy with the policy options given applied, validated.
    func apply(to gate: inout GateRules) throws {
        guard champion != nil, gate.champion == nil || overridesPolicy else { return }
        var policy = gate.champion ?? ChampionComparison()
        if let compareMetric { policy.metric = compareMetric }
        if let minImprovement { policy.minimumAbsoluteImprovement = minImprovement }
        if let minRelativeImprovement { policy.minimumRelativeImprovement = minRelativeImprovement }
        if requireSignificance { policy.requireSignificance = true }
        if let alpha { policy.alpha = alpha }
        try policy.validate()
        gate.champion = policy
    }

    /// The champion's metrics, or `nil` without `--champion`.
    func championMetrics() throws -> MetricValues? { try champion.map { try MetricValues.read(contentsOf: $0) } }
}

/// `--labels --scores --champion-scores`: the rows both models scored, for DeLong's test.
struct DeLongInputs: ParsableArguments {
    @Option(help: "Labels of the rows both models scored (for DeLong's test).")
    var labels: String?

    @Option(help: "The challenger's scores on those rows.")
    var scores: String?

    @Option(help: "The champion's scores on those rows.")
    var championScores: String?

    func validate() throws {
        let given = [labels, scores, championScores].filter { $0 != nil }.count
        if given != 0 && given != 3 { throw ValidationError("--labels, --scores and --champion-scores go together") }
    }

    /// DeLong's test of the challenger against the champion, or `nil` when the files are not given.
    func test() throws -> DeLongTest? {
        guard let labels, let scores, let championScores else { return nil }
        let challenger = try LabeledScores.read(labels: labels, scores: scores)
        return try ChampionComparison.significance(
            challenger: challenger, champion: try ScoreColumns.read(contentsOf: championScores))
    }
}
