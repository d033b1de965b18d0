import ArgumentParser
import MLMetrics
import MLValidation

/// The champion-comparison options of `gate`; each one set overrides the rules file's policy.
struct ChampionPolicyOptions: ParsableArguments {
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

    /// Whether any of these options was given.
    var isSet: Bool {
        compareMetric != nil || minImprovement != nil || minRelativeImprovement != nil || requireSignificance || alpha != nil
    }

    /// `policy` with the given options applied, validated.
    func applied(to policy: ChampionComparison) throws -> ChampionComparison {
        var policy = policy
        if let compareMetric { policy.metric = compareMetric }
        if let minImprovement { policy.minimumAbsoluteImprovement = minImprovement }
        if let minRelativeImprovement { policy.minimumRelativeImprovement = minRelativeImprovement }
        if requireSignificance { policy.requireSignificance = true }
        if let alpha { policy.alpha = alpha }
        try policy.validate()
        return policy
    }
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
