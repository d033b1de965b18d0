/// Bounds on the number of data rows (`row_count: {min: 100, max: 1000000}`), inclusive.
public struct RowCountCheck: Sendable, Equatable {
    /// The fewest rows allowed, or `nil` for no lower bound.
    public var minimum: Int?
    /// The most rows allowed, or `nil` for no upper bound.
    public var maximum: Int?
    /// The level at which a failure is reported.
    public var severity: DataCheckSeverity

    /// Bounds on the row count (at least one should be given; `minimum <= maximum`).
    public init(minimum: Int? = nil, maximum: Int? = nil, severity: DataCheckSeverity = .error) {
        self.minimum = minimum
        self.maximum = maximum
        self.severity = severity
    }
}

/// The freshness of a table: the age of its latest timestamp, `now - max(column)`.
///
/// The check fails at `error` level when the age exceeds ``errorAfter``, else at `warn` level
/// when it exceeds ``warnAfter`` (strictly: an age equal to the bound passes). A column without
/// any timestamp (no rows, or all missing) fails at the highest level configured. A latest
/// timestamp after now has a negative age and passes (the `future` leakage rule reports it).
public struct FreshnessCheck: Sendable, Equatable {
    /// The timestamp column (epoch seconds or ISO-8601 text, see ``DataCheckSuite``).
    public var column: String
    /// The age above which the check warns, or `nil`.
    public var warnAfter: Duration?
    /// The age above which the check fails at error level, or `nil`.
    public var errorAfter: Duration?

    /// A freshness check (give at least one bound; `warnAfter <= errorAfter` when both are given).
    public init(column: String, warnAfter: Duration? = nil, errorAfter: Duration? = nil) {
        self.column = column
        self.warnAfter = warnAfter
        self.errorAfter = errorAfter
    }
}

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
