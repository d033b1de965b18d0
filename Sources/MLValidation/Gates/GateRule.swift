import MLMetrics
/// One acceptance rule: a metric compared with a threshold, e.g. `roc_auc >= 0.85`.
///
/// ```swift
/// let rule = try GateRule("macro_f1 >= 0.72")
/// rule.check(MetricValues(["macro_f1": 0.75])).passed   // true
/// ```
public struct GateRule: Sendable, Equatable, CustomStringConvertible {
    /// How the metric is compared with the threshold.
    public enum Comparison: String, Sendable, Equatable, Codable, CaseIterable {
        /// metric ≥ threshold.
        case atLeast = ">="
        /// metric > threshold.
        case greaterThan = ">"
        /// metric ≤ threshold.
        case atMost = "<="
        /// metric < threshold.
        case lessThan = "<"
        /// metric == threshold.
        case equal = "=="

        /// Whether `value` satisfies the comparison with `threshold` (false for NaN).
        public func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .atLeast: value >= threshold
            case .greaterThan: value > threshold
            case .atMost: value <= threshold
            case .lessThan: value < threshold
            case .equal: value == threshold
            }
        }
    }

    /// The metric's name in the metrics file (`roc_auc`, `macro_f1`, `test.auc`…).
    public let metric: String
    /// The comparison.
    public let comparison: Comparison
    /// The threshold.
    public let threshold: Double

    /// Creates a rule.
    /// - Throws: ``EvaluationError`` `.invalidRule` for an empty metric name or a non-finite threshold.
    public init(metric: String, comparison: Comparison, threshold: Double) throws {
        guard !metric.isEmpty, !metric.contains(where: { $0 == " " || $0 == "\t" }) else {
            throw EvaluationError(.invalidRule, "a rule needs a metric name without spaces, got '\(metric)'")
        }
        guard threshold.isFinite else {
            throw EvaluationError(.invalidRule, "the threshold of '\(metric)' must be a finite number, got \(threshold)")
        }
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
    }

    /// Parses `metric OP number` with OP one of `>=`, `>`, `<=`, `<`, `==` (also `≥`, `≤`);
    /// spaces around the operator are optional.
    /// - Throws: ``EvaluationError`` `.invalidRule` naming the text.
    public init(_ text: String) throws {
        let t = _Text.trimmed(text).replacing("≥", with: ">=").replacing("≤", with: "<=")
        guard let opStart = t.firstIndex(where: { $0 == ">" || $0 == "<" || $0 == "=" }) else {
            throw EvaluationError(
                .invalidRule, "'\(text)' is not a rule like 'roc_auc >= 0.85' (operators: >=, >, <=, <, ==)")
        }
        var opEnd = t.index(after: opStart)
        if opEnd < t.endIndex, t[opEnd] == "=" { opEnd = t.index(after: opEnd) }
        guard let comparison = Comparison(rawValue: String(t[opStart..<opEnd])) else {
            throw EvaluationError(.invalidRule, "'\(text)': unknown operator '\(t[opStart..<opEnd])' (>=, >, <=, <, ==)")
        }
        let name = _Text.trimmed(t[..<opStart])
        let number = _Text.trimmed(t[opEnd...])
        guard let threshold = Double(number) else {
            throw EvaluationError(.invalidRule, "'\(text)': the threshold '\(number)' is not a number")
        }
        try self.init(metric: name, comparison: comparison, threshold: threshold)
    }

    /// `metric OP threshold`.
    public var description: String { "\(metric) \(comparison.rawValue) \(EvaluationReport.show(threshold))" }

    /// Checks the rule against `metrics`; a metric the file does not have fails the rule.
    public func check(_ metrics: MetricValues) -> GateResult {
        guard let value = metrics[metric] else {
            return GateResult(rule: self, value: nil, passed: false, message: "\(metric) is not in the metrics")
        }
        let passed = comparison.holds(value, threshold)
        return GateResult(
            rule: self, value: value, passed: passed,
            message: "\(metric) = \(EvaluationReport.show(value)) \(passed ? "meets" : "fails") \(comparison.rawValue) \(EvaluationReport.show(threshold))")
    }
}

/// The result of one ``GateRule``.
public struct GateResult: Sendable, Equatable, Encodable {
    /// The rule.
    public let rule: GateRule
    /// The metric's value, nil when the metrics do not have it.
    public let value: Double?
    /// Whether the rule holds.
    public let passed: Bool
    /// A sentence with the value, the rule and the verdict.
    public let message: String

    enum CodingKeys: String, CodingKey { case rule, metric, comparison, threshold, value, passed, message }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule.description, forKey: .rule)
        try c.encode(rule.metric, forKey: .metric)
        try c.encode(rule.comparison.rawValue, forKey: .comparison)
        try c.encode(rule.threshold, forKey: .threshold)
        try c.encode(value, forKey: .value)
        try c.encode(passed, forKey: .passed)
        try c.encode(message, forKey: .message)
    }
}
