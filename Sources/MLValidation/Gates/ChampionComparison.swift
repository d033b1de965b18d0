import MLMetrics

/// Champion/challenger policy: the challenger must beat the champion on one metric by a minimum
/// absolute and relative margin, and optionally significantly (DeLong's test on ROC-AUC).
///
/// For metrics where lower is better (`log_loss`, `brier_score`, `ece`, `mce`, `mae`, `rmse`,
/// `mse`, `mape`, `fp`, `fn`, `false_positive_rate`, `false_negative_rate`) the improvement is
/// champion − challenger; otherwise challenger − champion. The relative improvement divides by
/// |champion| (∞ when the champion is 0 and the challenger improves on it).
///
/// ```swift
/// let policy = ChampionComparison(metric: "roc_auc", minimumAbsoluteImprovement: 0.005)
/// let result = policy.compare(challenger: challengerMetrics, champion: championMetrics)
/// ```
public struct ChampionComparison: Sendable, Equatable, Encodable {
    /// The compared metric (default `roc_auc`).
    public var metric: String
    /// The smallest improvement, in the metric's units (default 0: not worse).
    public var minimumAbsoluteImprovement: Double
    /// The smallest improvement relative to the champion (default 0).
    public var minimumRelativeImprovement: Double
    /// Require DeLong's test to find the challenger's ROC-AUC significantly higher (two-sided
    /// p < ``alpha``); needs both models' scores on the same labelled rows.
    public var requireSignificance: Bool
    /// Significance level (default 0.05).
    public var alpha: Double

    /// Creates a policy.
    public init(
        metric: String = "roc_auc", minimumAbsoluteImprovement: Double = 0, minimumRelativeImprovement: Double = 0,
        requireSignificance: Bool = false, alpha: Double = 0.05
    ) {
        self.metric = metric
        self.minimumAbsoluteImprovement = minimumAbsoluteImprovement
        self.minimumRelativeImprovement = minimumRelativeImprovement
        self.requireSignificance = requireSignificance
        self.alpha = alpha
    }

    static let lowerIsBetter: Set<String> = [
        "log_loss", "brier_score", "ece", "mce", "mae", "rmse", "mse", "mape", "fp", "fn", "false_positive_rate",
        "false_negative_rate",
    ]

    /// Whether larger values of ``metric`` are better (by its last dotted component).
    public var higherIsBetter: Bool {
        let base = metric.split(separator: ".").last.map(String.init) ?? metric
        return !Self.lowerIsBetter.contains(base)
    }

    /// Checks the policy's parameters.
    /// - Throws: ``EvaluationError`` `.invalidArgument`.
    public func validate() throws {
        for (name, v) in [("min_absolute_improvement", minimumAbsoluteImprovement), ("min_relative_improvement", minimumRelativeImprovement)]
        where !v.isFinite {
            throw EvaluationError(.invalidArgument, "\(name) must be finite, got \(v)", field: name)
        }
        guard alpha > 0, alpha < 1 else {
            throw EvaluationError(.invalidArgument, "alpha must be in (0, 1), got \(alpha)", field: "alpha")
        }
    }

    /// Compares the challenger with the champion.
    /// - Parameter significance: DeLong's test with the challenger as model 1; required when
    ///   ``requireSignificance`` is set (without it that check fails).
    public func compare(
        challenger: MetricValues, champion: MetricValues, significance: DeLongTest? = nil
    ) -> ChampionComparisonResult {
        guard let new = challenger[metric], let old = champion[metric] else {
            let missing = challenger[metric] == nil ? "the challenger's" : "the champion's"
            return ChampionComparisonResult(
                policy: self, challenger: challenger[metric], champion: champion[metric], improvement: nil,
                relativeImprovement: nil, pValue: nil, passed: false, reasons: ["\(metric) is not in \(missing) metrics"])
        }
        let improvement = higherIsBetter ? new - old : old - new
        let relative = old != 0 ? improvement / abs(old) : (improvement > 0 ? .infinity : improvement < 0 ? -.infinity : 0)
        var reasons: [String] = []
        if !(improvement >= minimumAbsoluteImprovement) {
            reasons.append(
                "improvement \(_Format.general(improvement, 6)) is below the minimum \(_Format.general(minimumAbsoluteImprovement, 6))")
        }
        if !(relative >= minimumRelativeImprovement) {
            reasons.append(
                "relative improvement \(_Format.percent(relative)) is below the minimum \(_Format.percent(minimumRelativeImprovement))")
        }
        if requireSignificance {
            if let test = significance {
                if !(test.pValue < alpha && test.difference > 0) {
                    reasons.append(
                        "DeLong's test: challenger AUC \(_Format.fixed(test.auc1, 4)) vs champion \(_Format.fixed(test.auc2, 4)), p = \(_Format.general(test.pValue, 4)) (needs a higher AUC with p < \(EvaluationReport.show(alpha)))")
                }
            } else {
                reasons.append("significance was required but no scores were given for DeLong's test")
            }
        }
        return ChampionComparisonResult(
            policy: self, challenger: new, champion: old, improvement: improvement, relativeImprovement: relative,
            pValue: significance?.pValue, passed: reasons.isEmpty, reasons: reasons)
    }

    enum CodingKeys: String, CodingKey {
        case metric, minimumAbsoluteImprovement = "min_absolute_improvement"
        case minimumRelativeImprovement = "min_relative_improvement", requireSignificance = "require_significance", alpha
    }
}

/// The verdict of a ``ChampionComparison``.
public struct ChampionComparisonResult: Sendable, Equatable, Encodable {
    /// The policy applied.
    public let policy: ChampionComparison
    /// The challenger's value of the metric (nil when missing).
    public let challenger: Double?
    /// The champion's value of the metric (nil when missing).
    public let champion: Double?
    /// The improvement in the better direction (nil when a value is missing).
    public let improvement: Double?
    /// The improvement relative to |champion|.
    public let relativeImprovement: Double?
    /// DeLong's two-sided p-value, when the test ran.
    public let pValue: Double?
    /// Whether the challenger beats the champion as the policy asks.
    public let passed: Bool
    /// Why not (empty when passed).
    public let reasons: [String]

    enum CodingKeys: String, CodingKey {
        case policy, challenger, champion, improvement, relativeImprovement = "relative_improvement"
        case pValue = "p_value", passed, reasons
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(policy, forKey: .policy)
        try c.encode(challenger, forKey: .challenger)
        try c.encode(champion, forKey: .champion)
        try c.encode(improvement, forKey: .improvement)
        // JSON has no infinity: an improvement over a zero champion is written as null.
        try c.encode(relativeImprovement.flatMap { $0.isFinite ? $0 : nil }, forKey: .relativeImprovement)
        try c.encode(pValue, forKey: .pValue)
        try c.encode(passed, forKey: .passed)
        try c.encode(reasons, forKey: .reasons)
    }
}

extension ChampionComparison {
    /// DeLong's test of the challenger's ROC-AUC against the champion's on the same labelled rows
    /// (challenger as model 1).
    /// - Throws: ``EvaluationError`` `.invalidScore` for class-probability scores (the test is
    ///   binary), `.lengthMismatch`, and the test's input errors (fewer than 2 rows of a class).
    public static func significance(challenger: LabeledScores, champion: ScoreColumns) throws -> DeLongTest {
        guard case .binary(let new) = challenger.scores, case .binary(let old) = champion else {
            throw EvaluationError(.invalidScore, "DeLong's test compares binary scores (one score per row)")
        }
        guard new.count == old.count else {
            throw EvaluationError(
                .lengthMismatch, "the challenger has \(new.count) scores but the champion has \(old.count)")
        }
        return try _MetricInput.wrapping { try DeLongTest(scores1: new, scores2: old, labels: challenger.labels) }
    }
}
