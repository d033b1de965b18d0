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
