import MLMetrics

/// An acceptance gate: metric rules, and optionally a champion/challenger policy, read from a
/// YAML or JSON file.
///
/// Accepted shapes (YAML shown; the same structures in JSON work):
/// ```yaml
/// # a list of rules
/// - roc_auc >= 0.85
/// - macro_f1 >= 0.72
/// ```
/// ```yaml
/// # or an object with `rules` (strings, or {metric, op, value} objects) and a `champion` policy
/// rules:
///   - roc_auc >= 0.85
///   - min_class_f1 >= 0.60
///   - metric: log_loss
///     op: "<="
///     value: 0.45
/// champion:
///   metric: roc_auc
///   min_absolute_improvement: 0.005
///   min_relative_improvement: 0.0
///   require_significance: true
///   alpha: 0.05
/// ```
/// ```yaml
/// # or an object of metric: "OP threshold" (a bare number means >=)
/// roc_auc: ">= 0.85"
/// recall: 0.75
/// ```
public struct GateRules: Sendable, Equatable {
    /// The metric rules, in file order (sorted by metric name for the metric-keyed shape).
    public var rules: [GateRule]
    /// The champion/challenger policy, when the file has a `champion` section.
    public var champion: ChampionComparison?

    /// Creates a gate.
    public init(rules: [GateRule], champion: ChampionComparison? = nil) {
        self.rules = rules
        self.champion = champion
    }

    /// Reads a rules file (JSON when it starts with `{` or `[`, YAML otherwise).
    /// - Throws: ``EvaluationError`` `.unreadableFile`, `.emptyInput`, `.invalidRule` (naming
    ///   the rule or key at fault).
    public static func read(contentsOf path: String) throws -> GateRules {
        let document = try _Document.parse(try TextFile.bytes(at: path), path: path, code: .invalidRule)
        do {
            return try GateRules(document: document)
        } catch let error as EvaluationError {
            throw error.at(path: path)
        }
    }

    /// Parses rules from YAML or JSON text.
    /// - Throws: as ``read(contentsOf:)``.
    public static func parse(_ text: String) throws -> GateRules {
        try GateRules(document: try _Document.parse(Array(text.utf8), path: nil, code: .invalidRule))
    }

    init(document: _Document) throws {
        rules = []
        champion = nil
        switch document {
        case .array(let items):
            rules = try items.enumerated().map { try Self.rule($1, at: "rule \($0 + 1)") }
        case .object(let members):
            if members["rules"] != nil || members["champion"] != nil {
                for key in members.keys where key != "rules" && key != "champion" {
                    throw EvaluationError(.invalidRule, "unknown key '\(key)' (expected 'rules' and 'champion')", field: key)
                }
                if let list = members["rules"] {
                    guard case .array(let items) = list else {
                        throw EvaluationError(.invalidRule, "'rules' must be a list", field: "rules")
                    }
                    rules = try items.enumerated().map { try Self.rule($1, at: "rule \($0 + 1)") }
                }
                if let section = members["champion"] { champion = try Self.champion(section) }
            } else {
                for (metric, value) in members.sorted(by: { $0.key < $1.key }) {
                    if let threshold = value.number, case .number = value {
                        rules.append(try GateRule(metric: metric, comparison: .atLeast, threshold: threshold))
                    } else if case .string(let text) = value {
                        rules.append(try GateRule(metric + " " + text))
                    } else {
                        throw EvaluationError(
                            .invalidRule, "the value of '\(metric)' must be a rule like '>= 0.85' or a number", field: metric)
                    }
                }
            }
        default:
            throw EvaluationError(.invalidRule, "a rules file must be a list of rules or an object with 'rules'")
        }
        guard !rules.isEmpty || champion != nil else {
            throw EvaluationError(.invalidRule, "the rules file holds no rule")
        }
    }

    static func rule(_ node: _Document, at place: String) throws -> GateRule {
        switch node {
        case .string(let text):
            do {
                return try GateRule(text)
            } catch var error as EvaluationError {
                error.field = place
                throw error
            }
        case .object(let m):
            guard let metric = m["metric"]?.string else {
                throw EvaluationError(.invalidRule, "\(place) has no 'metric'", field: place)
            }
            let opText = (m["op"] ?? m["comparison"])?.string ?? ">="
            guard let op = GateRule.Comparison(rawValue: opText.replacing("≥", with: ">=").replacing("≤", with: "<=")) else {
                throw EvaluationError(.invalidRule, "\(place): unknown operator '\(opText)' (>=, >, <=, <, ==)", field: place)
            }
            guard let threshold = (m["value"] ?? m["threshold"] ?? m["min"])?.number else {
                throw EvaluationError(.invalidRule, "\(place) (\(metric)) has no numeric 'value'", field: place)
            }
            return try GateRule(metric: metric, comparison: op, threshold: threshold)
        default:
            throw EvaluationError(.invalidRule, "\(place) must be a string like 'roc_auc >= 0.85' or an object", field: place)
        }
    }

    static func champion(_ node: _Document) throws -> ChampionComparison {
        guard case .object(let m) = node else {
            throw EvaluationError(.invalidRule, "'champion' must be an object", field: "champion")
        }
        let known: Set<String> = ["metric", "min_absolute_improvement", "min_relative_improvement", "require_significance", "alpha"]
        for key in m.keys where !known.contains(key) {
            throw EvaluationError(
                .invalidRule, "unknown key 'champion.\(key)' (\(known.sorted().joined(separator: ", ")))", field: "champion.\(key)")
        }
        func number(_ key: String, _ fallback: Double) throws -> Double {
            guard let node = m[key] else { return fallback }
            guard let v = node.number else {
                throw EvaluationError(.invalidRule, "'champion.\(key)' must be a number", field: "champion.\(key)")
            }
            return v
        }
        var policy = ChampionComparison()
        if let metric = m["metric"] {
            guard let name = metric.string else {
                throw EvaluationError(.invalidRule, "'champion.metric' must be a metric name", field: "champion.metric")
            }
            policy.metric = name
        }
        policy.minimumAbsoluteImprovement = try number("min_absolute_improvement", 0)
        policy.minimumRelativeImprovement = try number("min_relative_improvement", 0)
        policy.alpha = try number("alpha", 0.05)
        if let flag = m["require_significance"] {
            guard let v = flag.bool else {
                throw EvaluationError(.invalidRule, "'champion.require_significance' must be true or false", field: "champion.require_significance")
            }
            policy.requireSignificance = v
        }
        do {
            try policy.validate()
        } catch var error as EvaluationError {
            error = EvaluationError(.invalidRule, error.message, field: "champion." + (error.field ?? ""))
            throw error
        }
        return policy
    }

    /// Runs the gate.
    /// - Parameters:
    ///   - metrics: the candidate's (challenger's) metrics.
    ///   - champion: the champion's metrics; the champion policy runs only when both the policy
    ///     and these are given (a policy without champion metrics fails the gate).
    ///   - significance: DeLong's test (challenger as model 1), for `require_significance`.
    public func evaluate(
        _ metrics: MetricValues, champion championMetrics: MetricValues? = nil, significance: DeLongTest? = nil
    ) -> GateReport {
        let results = rules.map { $0.check(metrics) }
        var comparison: ChampionComparisonResult?
        if let policy = champion {
            if let championMetrics {
                comparison = policy.compare(challenger: metrics, champion: championMetrics, significance: significance)
            } else {
                comparison = ChampionComparisonResult(
                    policy: policy, challenger: metrics[policy.metric], champion: nil, improvement: nil,
                    relativeImprovement: nil, pValue: nil, passed: false,
                    reasons: ["the rules compare with a champion, but no champion metrics were given"])
            }
        }
        return GateReport(results: results, champion: comparison)
    }
}

/// The verdict of a gate: every rule's result and the champion comparison.
///
/// JSON keys: `passed`, `results` (each `rule`, `metric`, `comparison`, `threshold`, `value`,
/// `passed`, `message`), `champion` (when compared), `failed` (the failed rules' messages).
public struct GateReport: Sendable, Equatable, Encodable {
    /// One result per rule, in rule order.
    public let results: [GateResult]
    /// The champion comparison, when the gate has a champion policy.
    public let champion: ChampionComparisonResult?

    /// True when every rule (and the champion comparison) passed.
    public var passed: Bool { results.allSatisfy(\.passed) && (champion?.passed ?? true) }

    /// The messages of the failed checks.
    public var failures: [String] {
        results.filter { !$0.passed }.map(\.message) + (champion.map { $0.passed ? [] : $0.reasons } ?? [])
    }

    enum CodingKeys: String, CodingKey { case passed, results, champion, failed }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(passed, forKey: .passed)
        try c.encode(results, forKey: .results)
        try c.encodeIfPresent(champion, forKey: .champion)
        try c.encode(failures, forKey: .failed)
    }

    /// A plain-text table: rule, value, result.
    public var text: String {
        var lines = [_Format.padded("rule", 32) + _Format.padded("value", 14) + "result"]
        for r in results {
            lines.append(
                _Format.padded(r.rule.description, 32) + _Format.padded(r.value.map(EvaluationReport.show) ?? "missing", 14)
                    + (r.passed ? "pass" : "FAIL"))
        }
        if let c = champion {
            let values = "challenger \(c.challenger.map(EvaluationReport.show) ?? "missing"), champion \(c.champion.map(EvaluationReport.show) ?? "missing")"
            lines.append("champion comparison on \(c.policy.metric): \(values): " + (c.passed ? "pass" : "FAIL"))
            for reason in c.reasons { lines.append("  " + reason) }
        }
        lines.append(passed ? "gate passed" : "gate FAILED")
        return lines.joined(separator: "\n")
    }
}
