/// A label-leakage rule: rows whose timestamps show information from after the moment a model
/// trained on them could have known it.
public struct LeakageCheck: Sendable, Equatable {
    /// The rules.
    public enum Rule: Sendable, Equatable {
        /// `label_after_period`: a row fails when `labelTime > periodEnd + maxDelay`.
        ///
        /// Each row is an example of a labelled period (a month of a customer's transactions, a
        /// transaction's review window): its features are computed as of `periodEnd`, and
        /// `labelTime` is when the label (fraud confirmed, category assigned) became known. A
        /// training set that is point-in-time correct is a snapshot taken at `periodEnd +
        /// maxDelay` (the labelling delay the pipeline allows); a label observed later was not
        /// known then, so training or back-testing on it uses the future. Rows where either
        /// time is missing are skipped (add `not_null` to require them).
        case labelAfterPeriod(labelTime: String, periodEnd: String, maxDelay: Duration)
        /// `future`: a row fails when its `column` timestamp is later than now + `tolerance`
        /// (clock skew allowed). A timestamp in the future cannot have been observed when the
        /// data was extracted: it was produced from information of a later time, or is wrong.
        case future(column: String, tolerance: Duration)
    }

    /// The rule.
    public var rule: Rule
    /// The level at which a failure is reported.
    public var severity: DataCheckSeverity
    /// Where the rule is written in the tests file (`leakage[0]`), for messages.
    public var keyPath: String

    /// A leakage rule; `keyPath` names it in errors.
    public init(rule: Rule, severity: DataCheckSeverity = .error, keyPath: String = "leakage") {
        self.rule = rule
        self.severity = severity
        self.keyPath = keyPath
    }

    /// The rule's name as written in the tests file: `label_after_period` or `future`.
    public var name: String {
        switch rule {
        case .labelAfterPeriod: "label_after_period"
        case .future: "future"
        }
    }
}
