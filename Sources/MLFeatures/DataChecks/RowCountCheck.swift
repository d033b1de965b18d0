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
